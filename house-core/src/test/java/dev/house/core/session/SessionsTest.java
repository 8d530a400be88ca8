package dev.house.core.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.http.Handler;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Interceptor;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.testing.Allocations;
import dev.house.core.testing.Intercepted;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);

    private Sessions.Builder sessions() {
        return Sessions.builder().nanoTime(clock::get).idleTimeout(Duration.ofMinutes(10));
    }

    /** Runs {@code body} as a handler behind the sessions interceptor and returns the response. */
    private static Response exchange(Sessions sessions, Request request, Function<Request, Object> body)
            throws Exception {
        Handler handler = Intercepted.handler(r -> Response.text(String.valueOf(body.apply(r))), sessions.interceptor());
        return handler.handle(request);
    }

    private static Request request(String cookie) {
        Request.Builder b = Request.builder(HttpMethod.GET, "/");
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b.build();
    }

    private static String token(Response response) {
        String setCookie = response.headers().get("Set-Cookie");
        assertThat(setCookie).startsWith("house-session=");
        return setCookie.substring("house-session=".length(), setCookie.indexOf(';'));
    }

    private static Session create(Sessions sessions, List<String> tokens) throws Exception {
        Session[] made = new Session[1];
        Response response = exchange(sessions, request(null), r -> made[0] = sessions.getOrCreate(r));
        tokens.add(token(response));
        return made[0];
    }

    /** The interceptor runs around every route of an application that enables sessions. */
    @Test
    void aRequestThatUsesNoSessionAllocatesNothingInTheInterceptor() {
        Allocations.assumeMeasurable();
        Interceptor interceptor = sessions().build().interceptor();
        Request request = request(null);
        Response response = Response.text("x");
        Runnable work = () -> {
            try {
                for (int i = 0; i < 20_000; i++) {
                    interceptor.before(request);
                    interceptor.after(request, response);
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        work.run();
        assertThat(Allocations.allocatedBy(work)).as("bytes allocated by 20,000 passes")
                .isLessThan(Allocations.NOISE_BYTES);
        assertThat(response.headers().get("Set-Cookie")).isNull();
    }

    /** The interceptor skips its look-up until the store made a record: the first one must still count. */
    @Test
    void theFirstSessionAfterRequestsThatUsedNoneStillSendsItsCookie() throws Exception {
        Sessions sessions = sessions().build();
        for (int i = 0; i < 3; i++) {
            assertThat(exchange(sessions, request(null), r -> "no session").headers().contains("Set-Cookie")).isFalse();
        }

        Response response = exchange(sessions, request(null), sessions::getOrCreate);

        assertThat(token(response)).isNotEmpty();
    }

    @Test
    void noSessionIsCreatedUnlessAHandlerAsksForOne() throws Exception {
        Sessions sessions = sessions().build();

        Response response = exchange(sessions, request(null), sessions::get);

        assertThat(response.headers().contains("Set-Cookie")).isFalse();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void getOrCreateSetsAnHttpOnlyLaxCookieForTheWholeSite() throws Exception {
        Sessions sessions = sessions().build();

        Response response = exchange(sessions, request(null), sessions::getOrCreate);

        String cookie = response.headers().get("Set-Cookie");
        assertThat(cookie).matches("house-session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax");
        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void cookieIsSecureOnTlsRequests() throws Exception {
        Sessions sessions = sessions().build();
        Request request = Request.builder(HttpMethod.GET, "/")
                .tls(new dev.house.core.http.TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256", null))
                .build();

        Response response = exchange(sessions, request, sessions::getOrCreate);

        assertThat(response.headers().get("Set-Cookie")).endsWith("; Secure");
    }

    @Test
    void tokensAre256BitBase64UrlAndDistinct() throws Exception {
        Sessions sessions = sessions().build();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            tokens.add(token(exchange(sessions, request(null), sessions::getOrCreate)));
        }
        assertThat(tokens).hasSize(200);
        for (String token : tokens) {
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
        }
    }

    @Test
    void theCookieFindsTheSameSessionAgainWithoutANewCookie() throws Exception {
        Sessions sessions = sessions().build();
        List<String> tokens = new ArrayList<>();
        Session created = create(sessions, tokens);
        created.attribute("user", "ada");

        Session[] found = new Session[1];
        Response response = exchange(sessions, request("theme=dark; house-session=" + tokens.get(0)),
                r -> found[0] = sessions.getOrCreate(r));

        assertThat(found[0]).isSameAs(created);
        assertThat(found[0].attribute("user")).isEqualTo("ada");
        assertThat(response.headers().contains("Set-Cookie")).isFalse();
    }

    @Test
    void unknownOrMalformedTokensFindNothing() throws Exception {
        Sessions sessions = sessions().build();
        create(sessions, new ArrayList<>());

        assertThat(sessions.get(request("house-session=" + "A".repeat(43)))).isNull();
        assertThat(sessions.get(request("house-session=short"))).isNull();
        assertThat(sessions.get(request("house-session=" + "!".repeat(43)))).isNull();
    }

    @Test
    void sessionExpiresAfterTheIdleTimeoutAndANewOneGetsANewToken() throws Exception {
        Sessions sessions = sessions().idleTimeout(Duration.ofSeconds(30)).build();
        List<String> tokens = new ArrayList<>();
        Session old = create(sessions, tokens);

        clock.addAndGet(Duration.ofSeconds(30).toNanos());

        assertThat(sessions.get(request("house-session=" + tokens.get(0)))).isNull();
        assertThat(old.isInvalidated()).isTrue();
        Session[] renewed = new Session[1];
        Response response = exchange(sessions, request("house-session=" + tokens.get(0)),
                r -> renewed[0] = sessions.getOrCreate(r));
        assertThat(renewed[0]).isNotSameAs(old);
        assertThat(token(response)).isNotEqualTo(tokens.get(0));
    }

    @Test
    void sizeCountsOnlyLiveSessions() throws Exception {
        Sessions sessions = sessions().idleTimeout(Duration.ofSeconds(30)).build();
        create(sessions, new ArrayList<>());
        clock.addAndGet(Duration.ofSeconds(20).toNanos());
        create(sessions, new ArrayList<>());

        clock.addAndGet(Duration.ofSeconds(15).toNanos());

        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void useKeepsASessionAlive() throws Exception {
        Sessions sessions = sessions().idleTimeout(Duration.ofSeconds(30)).build();
        List<String> tokens = new ArrayList<>();
        Session session = create(sessions, tokens);

        for (int i = 0; i < 5; i++) {
            clock.addAndGet(Duration.ofSeconds(20).toNanos());
            assertThat(sessions.get(request("house-session=" + tokens.get(0)))).isSameAs(session);
        }
    }

    @Test
    void fullStoreEvictsTheLeastRecentlyUsedSession() throws Exception {
        Sessions sessions = sessions().maxSessions(3).build();
        List<String> tokens = new ArrayList<>();
        Session first = create(sessions, tokens);
        Session second = create(sessions, tokens);
        create(sessions, tokens);
        sessions.get(request("house-session=" + tokens.get(0))); // first is now more recent than second

        create(sessions, tokens);

        assertThat(sessions.size()).isEqualTo(3);
        assertThat(second.isInvalidated()).isTrue();
        assertThat(sessions.get(request("house-session=" + tokens.get(1)))).isNull();
        assertThat(sessions.get(request("house-session=" + tokens.get(0)))).isSameAs(first);
    }

    @Test
    void creationHookRunsOnceBeforeTheSessionIsUsed() throws Exception {
        List<String> seen = new ArrayList<>();
        Sessions sessions = sessions().onCreate((session, request) -> {
            seen.add(request.path());
            session.attribute("visits", 0);
        }).build();
        List<String> tokens = new ArrayList<>();
        Session session = create(sessions, tokens);

        sessions.get(request("house-session=" + tokens.get(0)));

        assertThat(seen).containsExactly("/");
        assertThat(session.attribute("visits", Integer.class)).isZero();
    }

    @Test
    void failingCreationHookStoresNoSession() {
        Sessions sessions = sessions().onCreate((s, r) -> {
            throw new IllegalStateException("hook failed");
        }).build();

        assertThatThrownBy(() -> exchange(sessions, request(null), sessions::getOrCreate))
                .hasMessage("hook failed");
        assertThat(sessions.size()).isZero();
    }

    @Test
    void getOrCreateWithoutTheInterceptorFailsLoudly() {
        Sessions sessions = sessions().build();
        assertThatThrownBy(() -> sessions.getOrCreate(request(null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("interceptor");
    }

    @Test
    void invalidatingASessionClearsTheCookie() throws Exception {
        Sessions sessions = sessions().build();
        List<String> tokens = new ArrayList<>();
        create(sessions, tokens);

        Response response = exchange(sessions, request("house-session=" + tokens.get(0)), r -> {
            sessions.get(r).invalidate();
            return "bye";
        });

        assertThat(response.headers().get("Set-Cookie"))
                .isEqualTo("house-session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax");
        assertThat(sessions.size()).isZero();
        assertThat(sessions.get(request("house-session=" + tokens.get(0)))).isNull();
    }

    @Test
    void attributesAreSafeToChangeFromManyThreads() throws Exception {
        Sessions sessions = sessions().build();
        Session session = create(sessions, new ArrayList<>());
        int threads = 8;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int t = 0; t < threads; t++) {
                int id = t;
                pool.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perThread; i++) {
                        session.attribute("k" + id + "-" + i, i);
                    }
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(session.attributeNames()).hasSize(threads * perThread);
    }

    @Test
    void cookieNameIsConfigurable() throws Exception {
        Sessions sessions = sessions().cookieName("sid").build();
        Response response = exchange(sessions, request(null), sessions::getOrCreate);
        assertThat(response.headers().get("Set-Cookie")).startsWith("sid=");
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> Sessions.builder().maxSessions(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.builder().idleTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Sessions.builder().cookieName("a;b")).isInstanceOf(IllegalArgumentException.class);
    }
}
