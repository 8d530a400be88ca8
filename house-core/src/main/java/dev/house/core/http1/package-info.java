/**
 * HTTP/1.1 over a {@link dev.house.core.io.Connection}: the connection state machine (parsing,
 * pipelining in order, keep-alive, chunked streaming, {@code 100 Continue}, closing after an
 * error), the stream a handler writes to, and the response head encoder. Plugged into the I/O
 * layer as a {@link dev.house.core.io.ProtocolFactory} ({@link dev.house.core.http1.Http1}).
 *
 * <p>HTTP/1.1 message parsing ({@link dev.house.core.http1.RequestParser} and its helpers) lives here
 * too: it is this protocol's wire format, and nothing an application should reach.
 *
 * <p>May use {@code http} (the API types), {@code http.internal} (building requests as received)
 * and {@code io} (connections, loops). Nothing but the server's assembly uses this package; it is
 * not exported.
 */
package dev.house.core.http1;
