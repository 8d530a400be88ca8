package dev.house.core.http1;

import dev.house.core.http.HttpHeaders;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpVersion;

/**
 * What the parser knows once a request's header section is complete, before its body: enough to
 * answer {@code Expect: 100-continue} and to route.
 *
 * @param contentLength the declared length, 0 without a body, -1 for chunked
 */
public record RequestHead(HttpMethod method, String target, HttpVersion version, HttpHeaders headers,
                          long contentLength, boolean expectContinue) {

    public boolean chunked() {
        return contentLength < 0;
    }

    public boolean hasBody() {
        return contentLength != 0;
    }
}
