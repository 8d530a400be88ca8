package dev.house.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Response;
import dev.house.core.testing.Intercepted;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.RawHttpClient.HttpResponse;
import dev.house.core.testing.TestServers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionsSocketTest {
    private final AtomicInteger created = new AtomicInteger();
    private HouseServer server;

    private void start(Sessions.Builder settings) {
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
                .get("/peek", Intercepted.handler(r -> {
                    Session s = sessions.get(r);
                    return Response.text(s == null ? "none" : "visits " + s.attribute("visits", AtomicInteger.class));
                }, sessions.interceptor()))
                .build());
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
    void sessionExpiresAfterItsIdleTimeout() throws Exception {
        start(Sessions.builder().idleTimeout(Duration.ofMillis(200)));
        String token = token(get("/visit", null));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        String seen;
        do {
            seen = get("/peek", token).bodyText();
        } while (!seen.equals("none") && System.nanoTime() < deadline);
        HttpResponse renewed = get("/visit", token);

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
