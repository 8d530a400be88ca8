package dev.house.demo;

import static dev.house.spring.testing.TestCredentials.basic;
import static dev.house.spring.testing.TestCredentials.jwt;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.house.spring.testing.HttpProbe;
import dev.house.spring.testing.TestCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The chat room with the {@code secure} profile, over loopback: open page, a user needed to send,
 * rooms per user, and a JWT stream ended at the token's expiry. Tokens are signed with
 * {@link TestCredentials}' key, which the application trusts for the run.
 */
@SpringBootTest(classes = ChatApplication.class, properties = "house.port=0")
@ActiveProfiles("secure")
class ChatSecurityTests {

    @Value("${local.house.port}")
    int port;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void jwtKey(DynamicPropertyRegistry registry) throws Exception {
        TestCredentials.trustJwtKey(registry);
    }

    @Test
    void thePageAndItsFilesAreOpenToAnyone() throws Exception {
        assertThat(get("/index", null).statusCode()).isEqualTo(200);
        assertThat(get("/app.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void sendingAMessageNeedsAUser() throws Exception {
        String form = "room=lobby&name=Ada&message=Hello%20house";
        HttpResponse<String> anonymous = post(form, null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(post(form, basic("alice", "alice-password")).statusCode()).isEqualTo(200);
    }

    @Test
    void aUserReadsTheLobbyAndTheirOwnRoomOnly() throws Exception {
        // Read as streams: an allowed room's answer never ends.
        HttpResponse<InputStream> other = stream("/source?room=bob", basic("alice", "alice-password"));
        other.body().close();
        assertThat(other.statusCode()).isEqualTo(403);
        HttpResponse<InputStream> own = stream("/source?room=alice", basic("alice", "alice-password"));
        assertThat(own.statusCode()).isEqualTo(200);
        own.body().close();
    }

    @Test
    void aJwtStreamEndsWithTheExpiryEventAtExpAndTheReconnectWithoutAFreshTokenGets401() throws Exception {
        String token = jwt("alice", 3);
        Instant exp = SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant();
        HttpResponse<InputStream> response = stream("/source?room=lobby&access_token=" + token, null);
        assertThat(response.statusCode()).isEqualTo(200);

        List<String> lines = CompletableFuture.supplyAsync(() -> HttpProbe.readAllLines(response.body())).get(30, TimeUnit.SECONDS);

        assertThat(lines).contains("event: house-auth-expired");
        assertThat(Instant.now()).isAfterOrEqualTo(exp);
        HttpResponse<InputStream> reconnect = stream("/source?room=lobby&access_token=" + token, null);
        reconnect.body().close();
        assertThat(reconnect.statusCode()).isEqualTo(401);
        assertThat(reconnect.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void aSignedInUserIsPresentAsThemselvesNotAsTheNameThePageSent() throws Exception {
        HttpResponse<InputStream> alice = stream("/source?room=lobby&name=Mallory", basic("alice", "alice-password"));
        assertThat(alice.statusCode()).isEqualTo(200);
        BufferedReader aliceLines = lines(alice.body());
        assertThat(dataOf(aliceLines, "event: presence", data -> true)).doesNotContain("Mallory");

        HttpResponse<InputStream> bob = stream("/source?room=lobby&name=Eve", basic("bob", "bob-password"));
        assertThat(bob.statusCode()).isEqualTo(200);
        BufferedReader bobLines = lines(bob.body());

        assertThat(dataOf(bobLines, "event: presence", data -> true)).contains("\"names\":[\"alice\"]");
        // Joins come in batches (Alice's own may share Bob's): the one naming Bob, under his user name.
        assertThat(dataOf(aliceLines, "event: house-join", data -> data.contains("\"bob\"")))
                .contains("\"id\":\"bob\"").doesNotContain("Eve");
        alice.body().close();
        bob.body().close();
    }

    private static BufferedReader lines(InputStream body) {
        return new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    /** The data of the next event named by {@code eventLine} whose data is {@code wanted}, read within 20 s. */
    private static String dataOf(BufferedReader reader, String eventLine, Predicate<String> wanted) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                boolean found = false;
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith("event: ")) {
                        found = line.equals(eventLine);
                    } else if (found && line.startsWith("data: ") && wanted.test(line.substring(6))) {
                        return line.substring(6);
                    }
                }
                throw new IllegalStateException("stream ended before " + eventLine);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }).get(20, TimeUnit.SECONDS);
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        return client.send(request(path, authorization).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<InputStream> stream(String path, String authorization) throws IOException, InterruptedException {
        return client.send(request(path, authorization).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpResponse<String> post(String form, String authorization) throws IOException, InterruptedException {
        return client.send(request("/send-message", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        return authorization == null ? request : request.header("Authorization", authorization);
    }
}
