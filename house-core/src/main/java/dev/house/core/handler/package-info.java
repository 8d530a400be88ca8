/**
 * {@link dev.house.core.handler.Router}: routes and path templates, typed handlers with validated
 * parameters ({@code handler.param}), interceptor chains, and rendering what an endpoint returns.
 *
 * <p>May use {@code http} and {@code handler.param}; not {@code io} nor a protocol.
 */
package dev.house.core.handler;
