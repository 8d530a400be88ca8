package dev.house.core.session;

import java.security.SecureRandom;
import java.util.Base64;

/** Session tokens: 256 bits from {@link SecureRandom}, base64url without padding (43 characters). */
final class TokenGenerator {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
