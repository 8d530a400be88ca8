package dev.house.core.http;

/**
 * The secure session a request arrived on.
 *
 * @param protocol e.g. {@code TLSv1.3}
 * @param cipherSuite the negotiated suite
 * @param serverName the host name the client asked for with SNI, or {@code null}
 */
public record TlsInfo(String protocol, String cipherSuite, String serverName) {
}
