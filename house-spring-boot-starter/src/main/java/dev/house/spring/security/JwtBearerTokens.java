package dev.house.spring.security;

import java.time.Clock;
import java.time.Instant;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Bearer tokens as JWTs: verified by the application's {@link JwtDecoder} (Boot's, from
 * {@code spring.security.oauth2.resourceserver.jwt.*}, or its own bean) and turned into an
 * authentication by a {@code JwtAuthenticationConverter}.
 */
public final class JwtBearerTokens implements BearerTokens {

    private final JwtDecoder decoder;
    private final Converter<Jwt, ? extends AbstractAuthenticationToken> converter;
    private final Clock clock;

    public JwtBearerTokens(JwtDecoder decoder, Converter<Jwt, ? extends AbstractAuthenticationToken> converter,
                           Clock clock) {
        this.decoder = decoder;
        this.converter = converter;
        this.clock = clock;
    }

    @Override
    public Verified verify(String token) {
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException ex) {
            throw new InvalidBearerToken("The token is not valid");
        }
        Instant expiresAt = jwt.getExpiresAt();
        // The decoder allows a clock skew past exp; a stream opened with this token was ended
        // at exp, so taking the same token again would only reopen a stream to end it at once.
        if (expiresAt != null && !clock.instant().isBefore(expiresAt)) {
            throw new InvalidBearerToken("The token has expired");
        }
        AbstractAuthenticationToken authentication = converter.convert(jwt);
        if (authentication == null) {
            throw new InvalidBearerToken("The token carries no usable identity");
        }
        return new Verified(authentication, expiresAt);
    }
}
