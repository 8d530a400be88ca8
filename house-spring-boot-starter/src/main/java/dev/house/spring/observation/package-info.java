/**
 * Micrometer Observation of house exchanges: each request an {@code http.server.requests}
 * observation with Spring's conventions, the caller's trace context read from its headers, and
 * the observation in scope on the thread that runs the handler (so tracing puts trace ids in
 * the MDC of the handler's log lines). Uses house-core's listener and interceptor hooks and
 * Micrometer's Observation API, and the starter's {@code ChannelPublisher} (to observe publishes).
 */
@NullMarked
package dev.house.spring.observation;

import org.jspecify.annotations.NullMarked;
