/**
 * What the protocols may do to the API types and applications may not: build a {@code Request} as
 * received from a connection (with the connection's facts: remote address, TLS session, id, arrival
 * time), keep it lean for the life of a response stream, and end its exchange.
 * {@link dev.house.core.http.internal.RequestAccess} is the one entry point; HTTP/1.1
 * ({@code http1}) and HTTP/2 ({@code http2}) both go through it, and both build their
 * {@code ResponseStream} on {@link dev.house.core.http.internal.ProtocolStream}.
 *
 * <p>Not exported by the module descriptor, so on the module path no application or interceptor
 * can reach it: what {@code Request.isSecure()} says (it decides a session cookie's {@code Secure}
 * flag) comes only from the connection. May use {@code http} (the types it builds); only
 * {@code http} and the protocol packages may use it, which {@code ArchitectureTest} checks.
 */
package dev.house.core.http.internal;
