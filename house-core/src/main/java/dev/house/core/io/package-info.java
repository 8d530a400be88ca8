/**
 * The I/O layer: event loops (selector, tasks, timers, per-loop buffers), the acceptor, the
 * {@link dev.house.core.io.Transport}s (plain, TLS), and the {@link dev.house.core.io.Connection}
 * that moves a socket's bytes to and from a {@link dev.house.core.io.Protocol} chosen per
 * connection ({@link dev.house.core.io.ProtocolFactory}: by ALPN on TLS, by the first bytes on a
 * plain port). It knows no HTTP version.
 *
 * <p>May use {@code http} (the exchange listener, router and response types the runtime hands to
 * protocols) and {@code tls} (the configuration). Must not use the root package (the assembly that
 * builds it: settings arrive as {@link dev.house.core.io.RuntimeConfig}, workers as an executor),
 * {@code http1} or any feature package ({@code handler}, {@code sse}, {@code files},
 * {@code session}, {@code cors}, {@code multipart}); {@code ArchitectureTest} checks it.
 */
package dev.house.core.io;
