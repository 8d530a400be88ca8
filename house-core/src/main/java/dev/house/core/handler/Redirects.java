package dev.house.core.handler;

import dev.house.core.http.HttpStatus;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The house rule for redirects, in one place: which statuses a redirect may answer with and
 * which locations it may send. {@link Router.Builder#redirect} checks its declarations with it,
 * and the Spring starter checks annotated redirect routes with it.
 */
public final class Redirects {
    private Redirects() {
    }

    /**
     * The status of a redirect.
     *
     * @param status 301, 302, 303, 307 or 308
     * @throws IllegalArgumentException for another status
     */
    public static HttpStatus status(int status) {
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            throw new IllegalArgumentException("a redirect status must be 301, 302, 303, 307 or 308, not " + status);
        }
        return HttpStatus.of(status);
    }

    /**
     * A location fit for the {@code Location} header: an absolute URI or a relative reference.
     *
     * @return {@code location}
     * @throws IllegalArgumentException when it is null or empty, contains CR, LF or another
     *         control character (which would let it inject headers), or is not a valid URI reference
     */
    public static String location(String location) {
        if (location == null || location.isEmpty()) {
            throw new IllegalArgumentException("a redirect needs a location");
        }
        for (int i = 0; i < location.length(); i++) {
            char c = location.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("a redirect location must not contain CR, LF or other"
                        + " control characters");
            }
        }
        try {
            new URI(location);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("a redirect location must be a valid URI reference: "
                    + e.getReason(), e);
        }
        return location;
    }
}
