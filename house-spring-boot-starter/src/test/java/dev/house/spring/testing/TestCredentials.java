package dev.house.spring.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Credentials for security tests: Basic headers, and real RS256 JWTs signed with a key made for
 * the test run, whose public half Boot's resource-server decoder reads from
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location} (see
 * {@link #trustJwtKey(DynamicPropertyRegistry)}).
 */
public final class TestCredentials {
    /** One key per test JVM: every application that trusts it accepts every token made here. */
    private static final RSAKey KEY = newKey();

    private TestCredentials() {
    }

    /** An {@code Authorization} header value for HTTP Basic. */
    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A JWT for {@code subject} with scope {@code chat}, signed with the test key, expiring {@code seconds} from now. */
    public static String jwt(String subject, long seconds) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(seconds))).claim("scope", "chat").build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(KEY));
        return jwt.serialize();
    }

    /**
     * Makes the application under test trust the test key: writes its public half to a temporary
     * PEM file and points Boot's resource-server decoder at it. Call from a
     * {@code @DynamicPropertySource} method.
     */
    public static void trustJwtKey(DynamicPropertyRegistry registry) throws IOException, JOSEException {
        Path pem = Files.createTempFile("house-jwt", ".pem");
        pem.toFile().deleteOnExit();
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(KEY.toRSAPublicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> pem.toUri().toString());
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test").generate();
        } catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
