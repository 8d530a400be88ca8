/**
 * Server-sent event channels in a Spring application: the {@link dev.house.spring.sse.ChannelPublisher}
 * that services inject to publish.
 */
@NullMarked
package dev.house.spring.sse;

import org.jspecify.annotations.NullMarked;
