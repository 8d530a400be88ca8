package dev.house.spring.security;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * Turns a bearer token into an authentication; kept behind an interface so the interceptor
 * loads no OAuth2 class when the resource server is not on the class path.
 */
public interface BearerTokens {

    /** A verified token's authentication and expiry. */
    record Verified(Authentication authentication, @Nullable Instant expiresAt) {
    }

    /**
     * Verifies {@code token}.
     *
     * @throws InvalidBearerToken naming why the token is refused (never echoing it)
     */
    Verified verify(String token);

    /** A token that cannot be accepted; the message goes to the client in {@code WWW-Authenticate}. */
    final class InvalidBearerToken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidBearerToken(String message) {
            super(message, null, false, false);
        }
    }
}
