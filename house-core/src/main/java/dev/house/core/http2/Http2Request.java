package dev.house.core.http2;

import dev.house.core.http.HttpHeaders;

/**
 * A validated HTTP/2 request head (RFC 9113 §8.3.1), as handed to the rest of house.
 *
 * @param method {@code :method}
 * @param scheme {@code :scheme} (null for CONNECT)
 * @param authority {@code :authority}, or the {@code host} field when absent
 * @param path {@code :path}: the request target, query included (null for CONNECT)
 * @param headers the regular fields, lowercase; cookie crumbs joined into one {@code cookie} field
 *     (§8.2.3) and {@code host} added from {@code :authority}, so HTTP/1.1-minded code finds both
 * @param contentLength the {@code content-length} field, or -1 if absent
 */
record Http2Request(String method, String scheme, String authority, String path, HttpHeaders headers, long contentLength) {
}
