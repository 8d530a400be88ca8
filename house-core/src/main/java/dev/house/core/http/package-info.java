/**
 * The API a handler sees, whatever the protocol: {@link dev.house.core.http.Request},
 * {@link dev.house.core.http.Response}, {@link dev.house.core.http.ResponseStream}, headers and
 * status, {@link dev.house.core.http.HttpException} (whose {@code toResponse()} is the one
 * exception-to-response mapping), {@link dev.house.core.http.Interceptor} and
 * {@link dev.house.core.http.RequestRouter}; plus the protocol-neutral decoders (request target,
 * percent, form, body text) that HTTP/1.1 and HTTP/2 share.
 *
 * <p>May use {@code http.internal} only (to install the access through which protocols build
 * requests as received); not {@code io} nor a protocol ({@code ArchitectureTest} checks it).
 */
package dev.house.core.http;
