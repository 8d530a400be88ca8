package dev.house.core.files;

import dev.house.core.http.Request;

/**
 * Evaluates a GET or HEAD's conditional headers against a file's validators (RFC 9110 section
 * 13.2.2): {@code If-None-Match} decides when present, otherwise {@code If-Modified-Since}.
 */
final class Freshness {
    private Freshness() {
    }

    /** Whether the client's copy is current, so a 304 is the answer. */
    static boolean isNotModified(Request request, String etag, long lastModifiedMillis) {
        String ifNoneMatch = request.header("If-None-Match");
        if (ifNoneMatch != null) {
            return EntityTag.matchesAny(ifNoneMatch, etag);
        }
        String ifModifiedSince = request.header("If-Modified-Since");
        if (ifModifiedSince == null || lastModifiedMillis <= 0) {
            return false;
        }
        long since = HttpDateParser.parseSeconds(ifModifiedSince);
        // Last-Modified is sent with second precision, so compare in whole seconds.
        return since >= 0 && Math.floorDiv(lastModifiedMillis, 1000) <= since;
    }
}
