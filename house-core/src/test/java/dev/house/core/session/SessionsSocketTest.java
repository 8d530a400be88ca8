package dev.house.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.Response;
import dev.house.core.testing.Intercepted;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.RawHttpClient.HttpResponse;
import dev.house.core.testing.TestCertificates;
import dev.house.core.testing.TestServers;
import dev.house.core.tls.TlsConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsSocketTest {
    private final AtomicInteger created = new AtomicInteger();
    private HouseServer server;

    @TempDir
    Path certDir;

    private void start(Sessions.Builder settings) {
        start(settings, b -> b);
    }

    private void start(Sessions.Builder settings, UnaryOperator<ServerConfig.Builder> config) {
        Sessions sessions = settings
                .onCreate((session, request) -> {
                    created.incrementAndGet();
                    session.attribute("visits", new AtomicInteger());
                })
                .build();
        server = TestServers.start(Router.builder()
                .get("/visit", Intercepted.handler(r -> {
                    Session s = sessions.getOrCreate(r);
                    return Response.text("visit " + s.attribute("visits", AtomicInteger.class).incrementAndGet());
                }, sessions.interceptor()))
                .get("/count", r -> Response.text(Integer.toString(sessions.size())))
                .get("/peek", Intercepted.handler(r -> {
                    Session s = sessions.get(r);
                    return Response.text(s == null ? "none" : "visits " + s.attribute("visits", AtomicInteger.class));
                }, sessions.interceptor()))
                .build(), config);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse get(String path, String token) throws Exception {
        String cookie = token == null ? "" : "Cookie: house-session=" + token + "\r\n";
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            return client.send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + cookie + "\r\n").read();
        }
    }

    private static String token(HttpResponse response) {
        String setCookie = response.header("Set-Cookie");
        assertThat(setCookie).isNotNull();
        return setCookie.substring("house-session=".length(), setCookie.indexOf(';'));
    }

    @Test
    void readingWithoutASessionCreatesNone() throws Exception {
        start(Sessions.builder());

        HttpResponse response = get("/peek", null);

        assertThat(response.bodyText()).isEqualTo("none");
        assertThat(response.header("Set-Cookie")).isNull();
        assertThat(created).hasValue(0);
    }

    @Test
    void sessionCookieHasItsAttributesAndCarriesStateAcrossRequests() throws Exception {
        start(Sessions.builder());

        HttpResponse first = get("/visit", null);
        String token = token(first);
        HttpResponse second = get("/visit", token);

        assertThat(first.header("Set-Cookie")).matches("house-session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax");
        assertThat(first.bodyText()).isEqualTo("visit 1");
        assertThat(second.bodyText()).isEqualTo("visit 2");
        assertThat(second.header("Set-Cookie")).isNull();
        assertThat(created).hasValue(1);
    }

    @Test
    void cookieIsSecureOverTls() throws Exception {
        TestCertificates certs = TestCertificates.generate(certDir, "house-session-test");
        SSLContext serverContext = certs.serverContext();
        start(Sessions.builder(), b -> b.tls(TlsConfig.builder(() -> serverContext).build()));
        HttpClient client = HttpClient.newBuilder().sslContext(TestCertificates.clientContext(certs.certificate()))
                .version(HttpClient.Version.HTTP_1_1).build();

        java.net.http.HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + server.port() + "/visit")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertThat(response.headers().firstValue("Set-Cookie")).get(InstanceOfAssertFactories.STRING)
                .matches("house-session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Secure");
    }

    @Test
    void sessionExpiresAfterItsIdleTimeout() throws Exception {
        start(Sessions.builder().idleTimeout(Duration.ofMillis(200)));
        String token = token(get("/visit", null));

        // Poll the store's size, not the session: looking the session up would keep it alive.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String count;
        do {
            count = get("/count", null).bodyText();
        } while (!count.equals("0") && System.nanoTime() < deadline);
        String seen = get("/peek", token).bodyText();
        HttpResponse renewed = get("/visit", token);

        assertThat(count).isEqualTo("0");
        assertThat(seen).isEqualTo("none");
        assertThat(renewed.bodyText()).isEqualTo("visit 1");
        assertThat(token(renewed)).isNotEqualTo(token);
        assertThat(created).hasValue(2);
    }

    @Test
    void fullStoreForgetsTheLeastRecentlyUsedSession() throws Exception {
        start(Sessions.builder().maxSessions(2));
        String a = token(get("/visit", null));
        String b = token(get("/visit", null));
        get("/visit", a);

        token(get("/visit", null));

        assertThat(get("/peek", b).bodyText()).isEqualTo("none");
        assertThat(get("/peek", a).bodyText()).isEqualTo("visits 2");
    }
}
