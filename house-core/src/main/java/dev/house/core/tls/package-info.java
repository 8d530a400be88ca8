/**
 * HTTPS settings and helpers: {@link dev.house.core.tls.TlsConfig} (keys, protocols, cipher
 * suites, handshake limits) and {@link dev.house.core.tls.HttpsRedirect} for a plain port that
 * sends clients to the secure one. The TLS transport itself is the I/O layer's.
 *
 * <p>May use {@code http}.
 */
package dev.house.core.tls;
