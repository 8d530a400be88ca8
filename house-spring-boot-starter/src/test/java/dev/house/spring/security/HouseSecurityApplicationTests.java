package dev.house.spring.security;

import static dev.house.spring.testing.TestCredentials.basic;
import static dev.house.spring.testing.TestCredentials.jwt;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import dev.house.core.handler.param.Source;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.session.Session;
import dev.house.core.sse.SseChannels;
import dev.house.spring.handler.ClosingRoute;
import dev.house.spring.handler.HouseHandler;
import dev.house.spring.handler.HttpParam;
import dev.house.spring.handler.StreamRoute;
import dev.house.spring.testing.HttpProbe;
import dev.house.spring.testing.TestCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.util.ClassUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * House security over real sockets: Basic users, JWTs signed here and verified by Boot's decoder
 * from {@code spring.security.oauth2.resourceserver.jwt.public-key-location}, method security,
 * per-channel SSE authorization and streams ended at the token's expiry.
 */
@SpringBootTest(classes = HouseSecurityApplicationTests.SecuredApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "house.port=0", "house.event-loops=1", "house.cors.allowed-origins=http://app.example" })
// The module's default test run leaves Spring Security's Boot module off the class path (see the
// pom); these tests run in the execution that has it.
@EnabledIf("springBootSecurityPresent")
class HouseSecurityApplicationTests {

    private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Value("${local.house.port}")
    int port;

    static boolean springBootSecurityPresent() {
        return ClassUtils.isPresent("org.springframework.boot.security.autoconfigure.SecurityProperties", null);
    }

    @DynamicPropertySource
    static void jwtKey(DynamicPropertyRegistry registry) throws Exception {
        TestCredentials.trustJwtKey(registry);
    }

    @Test
    void aRequestWithoutCredentialsGets401ProblemWithChallenges() throws Exception {
        HttpResponse<String> response = send(get("/me"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().allValues("WWW-Authenticate")).contains("Bearer", "Basic realm=\"house\"");
        assertThat(response.body()).contains("\"status\":401", "\"instance\":\"urn:house:request:");
    }

    @Test
    void aCrossOriginPreflightIsAnsweredAndARefusalCarriesCorsHeaders() throws Exception {
        HttpResponse<String> preflight = send(get("/me").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://app.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        HttpResponse<String> refused = send(get("/me").header("Origin", "http://app.example"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://app.example");
    }

    @Test
    void aBasicUserReachesTheHandlerWithPrincipalAndSecurityContext() throws Exception {
        HttpResponse<String> response = send(get("/me").header("Authorization", basic("user", "pw")));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("user/user");
    }

    @Test
    void authenticatedResponsesCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> response = send(get("/me").header("Authorization", basic("user", "pw")));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store, max-age=0, must-revalidate");
    }

    @Test
    void aWrongPasswordGets401() throws Exception {
        HttpResponse<String> response = send(get("/me").header("Authorization", basic("user", "nope")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"house\"");
    }

    @Test
    void aPermitAllRouteIsOpenToAnyone() throws Exception {
        assertThat(send(get("/open")).statusCode()).isEqualTo(200);
    }

    @Test
    void preAuthorizeRefusesAUserWith403ProblemAndLetsAnAdminIn() throws Exception {
        HttpResponse<String> user = send(get("/reports").header("Authorization", basic("user", "pw")));
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(user.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(user.body()).contains("\"status\":403");
        assertThat(send(get("/reports").header("Authorization", basic("admin", "pw"))).statusCode()).isEqualTo(200);
    }

    @Test
    void aBearerJwtAuthenticatesItsSubject() throws Exception {
        HttpResponse<String> response = send(get("/me").header("Authorization", "Bearer " + jwt("alice", 60)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("alice/alice");
    }

    @Test
    void anExpiredJwtGets401InvalidToken() throws Exception {
        HttpResponse<String> response = send(get("/me").header("Authorization", "Bearer " + jwt("alice", -5)));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void aJwtStreamEndsWithTheExpiryEventAtExpAndItsReconnectGets401() throws Exception {
        String token = jwt("alice", 3);
        HttpRequest stream = get("/events?channel=room-alice").header("Authorization", "Bearer " + token).build();
        HttpResponse<InputStream> response = client.send(stream, HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> lines = CompletableFuture.supplyAsync(() -> HttpProbe.readAllLines(response.body())).get(30, TimeUnit.SECONDS);
        Instant ended = Instant.now();
        assertThat(lines).contains("event: house-auth-expired");
        assertThat(ended).isAfterOrEqualTo(SignedJWT.parse(token).getJWTClaimsSet().getExpirationTime().toInstant());
        HttpResponse<InputStream> reconnect = client.send(stream, HttpResponse.BodyHandlers.ofInputStream());
        reconnect.body().close();
        assertThat(reconnect.statusCode()).isEqualTo(401);
        assertThat(reconnect.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aChannelOfAnotherUserIsRefused403() throws Exception {
        // Read as a stream: were the channel allowed, the answer would never end.
        HttpResponse<InputStream> response = client.send(get("/events?channel=room-bob")
                .header("Authorization", "Bearer " + jwt("alice", 60)).build(), HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aSessionCookieAuthenticatesButAnUnsafeRequestNeedsItsOriginOrCsrfToken() throws Exception {
        HttpResponse<String> login = send(post("/login").header("Authorization", basic("user", "pw")));
        assertThat(login.statusCode()).isEqualTo(200);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String csrf = login.body();

        assertThat(send(get("/me").header("Cookie", cookie)).body()).isEqualTo("user/user");
        HttpResponse<String> forged = send(post("/me").header("Cookie", cookie));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("CSRF");
        assertThat(send(post("/me").header("Cookie", cookie).header("Origin", "http://evil.example")).statusCode())
                .isEqualTo(403);
        assertThat(send(post("/me").header("Cookie", cookie).header("X-CSRF-TOKEN", csrf)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBearerRequestNeedsNoCsrfToken() throws Exception {
        assertThat(send(post("/me").header("Authorization", "Bearer " + jwt("alice", 60))).statusCode())
                .isEqualTo(200);
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.noBody());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableMethodSecurity
    static class SecuredApplication {

        @Bean
        HouseSecurity houseSecurity() {
            return HouseSecurity.builder()
                    .request(HttpMethod.GET, "/open").permitAll()
                    .request(HttpMethod.POST, "/login").authenticated()
                    .anyRequest().authenticated()
                    .channels((authentication, subscription) -> new AuthorizationDecision(
                            subscription.channel().equals("room-" + authentication.get().getName())))
                    .build();
        }

        @Bean
        UserDetailsService users() {
            return new InMemoryUserDetailsManager(
                    User.withUsername("user").password("{noop}pw").roles("USER").build(),
                    User.withUsername("admin").password("{noop}pw").roles("ADMIN").build());
        }

        @Bean
        SecuredHandlers securedHandlers(SseChannels channels) {
            return new SecuredHandlers(channels);
        }
    }

    @HouseHandler
    static class SecuredHandlers {
        private final SseChannels channels;

        SecuredHandlers(SseChannels channels) {
            this.channels = channels;
        }

        @ClosingRoute(path = "/open", contentType = "text/plain")
        public String open() {
            return "open";
        }

        /** The principal parameter and the thread's security context must name the same caller. */
        @ClosingRoute(path = "/me", contentType = "text/plain")
        public String me(Principal principal) {
            return principal.getName() + "/" + SecurityContextHolder.getContext().getAuthentication().getName();
        }

        @ClosingRoute(path = "/me", method = HttpMethod.POST, contentType = "text/plain")
        public String changeMe(Authentication authentication) {
            return authentication.getName();
        }

        @ClosingRoute(path = "/login", method = HttpMethod.POST, contentType = "text/plain")
        public String login(Authentication authentication, Session session) {
            return HouseSecurityContext.save(session, authentication);
        }

        @ClosingRoute(path = "/reports", contentType = "text/plain")
        @PreAuthorize("hasRole('ADMIN')")
        public String reports() {
            return "reports";
        }

        @StreamRoute(path = "/events")
        public Response events(@HttpParam(from = Source.QUERY) String channel, Request request) {
            return channels.subscribe(request, List.of(channel));
        }
    }
}
