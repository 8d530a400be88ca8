/**
 * Micrometer meters of the house server: failed requests, connections, bytes transferred and
 * event channels. Requests are timed by the {@code http.server.requests} observation
 * ({@code dev.house.spring.observation}).
 */
@NullMarked
package dev.house.spring.metrics;

import org.jspecify.annotations.NullMarked;
