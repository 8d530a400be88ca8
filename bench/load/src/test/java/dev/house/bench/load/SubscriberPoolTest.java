package dev.house.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.FormDecoder;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Response;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseEvent;
import dev.house.core.tls.TlsConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load client against a real house server over loopback, as the benchmark uses it. */
class SubscriberPoolTest {
    private SseChannels sse;
    private HouseServer server;
    private InetSocketAddress address;
    private final Recorder latency = new Recorder(3);

    @BeforeEach
    void startServer() {
        sse = SseChannels.create();
        server = HouseServer.builder().config(ServerConfig.builder().port(0).build()).router(router(sse)).build()
                .start();
        address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }

    private static Router router(SseChannels sse) {
        return Router.builder()
                .route(HttpMethod.GET, "/source", req -> sse.subscribe(req, List.of(req.queryParameter("room"))),
                        Execution.EVENT_LOOP)
                .route(HttpMethod.POST, "/send-message", req -> {
                    var form = FormDecoder.decode(req.bodyText(), "form");
                    sse.publish(form.get("room").get(0), SseEvent.data("{\"name\":\"" + form.get("name").get(0)
                            + "\",\"message\":\"" + form.get("message").get(0) + "\"}"));
                    return Response.of(HttpStatus.NO_CONTENT);
                }, Execution.EVENT_LOOP)
                .build();
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void everySubscriberReceivesEveryPublishedEventWithItsLatency() throws Exception {
        try (SubscriberPool pool = new SubscriberPool(address, "/source?room=test", List.of(), latency)) {
            SubscriberGroup group = pool.open(new SubscriberGroup("g", 50, true, 0));
            assertThat(Await.until(() -> group.ready == 50, 10_000)).as("all subscribed").isTrue();

            Publisher.Outcome out = new Publisher(address, "test", 10, 2).run(20, Duration.ofMillis(500));

            assertThat(out.failed()).isZero();
            assertThat(out.sent()).isPositive();
            assertThat(Await.until(() -> group.events == out.sent() * 50, 10_000)).as("all delivered").isTrue();
            Histogram h = latency.getIntervalHistogram();
            assertThat(h.getTotalCount()).isEqualTo(out.sent() * 50);
            assertThat(h.getMaxValue()).isLessThan(10_000_000); // microseconds: under 10 s
        }
    }

    @Test
    void readsEachReadySocketOnceNotUntilItFindsItEmpty() throws Exception {
        try (SubscriberPool pool = new SubscriberPool(address, "/source?room=test", List.of(), latency)) {
            SubscriberGroup group = pool.open(new SubscriberGroup("g", 100, true, 0));
            assertThat(Await.until(() -> group.ready == 100, 10_000)).as("all subscribed").isTrue();
            long readsBefore = pool.reads;
            long emptyBefore = pool.emptyReads;

            Publisher.Outcome out = new Publisher(address, "test", 0, 1).run(20, Duration.ofMillis(500));
            assertThat(Await.until(() -> group.events == out.sent() * 100, 10_000)).as("all delivered").isTrue();

            // reading on until a read finds the socket empty would make every other read an empty one
            long reads = pool.reads - readsBefore;
            long empty = pool.emptyReads - emptyBefore;
            assertThat(empty).as("empty reads of %d reads", reads).isLessThanOrEqualTo(reads / 20 + 2);
        }
    }

    @Test
    void whileEventsKeepArrivingSelectsAtMostOncePerPassHoweverManySocketsTheServerWrites() throws Exception {
        try (SubscriberPool pool = new SubscriberPool(address, "/source?room=test", List.of(), latency)) {
            SubscriberGroup group = pool.open(new SubscriberGroup("g", 500, true, 0));
            assertThat(Await.until(() -> group.ready == 500, 10_000)).as("all subscribed").isTrue();

            // 100,000 socket writes a second, which a loop selecting again at once would meet a few at a time
            Publisher.Outcome out = new Publisher(address, "test", 0, 2).run(200, Duration.ofSeconds(1));
            assertThat(Await.until(() -> group.events == out.sent() * 500, 20_000)).as("all delivered").isTrue();

            assertThat(pool.shortestPassGapNanos).as("shortest time between two passes that found work")
                    .isGreaterThanOrEqualTo(SubscriberPool.PASS_NANOS);
        }
    }

    @Test
    void overTlsEverySubscriberReceivesEveryPublishedEvent(@TempDir Path dir) throws Exception {
        HouseServer https = HouseServer.builder()
                .config(ServerConfig.builder().port(0).tls(TlsConfig.of(serverContext(dir))).build())
                .router(router(sse)).build().start();
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), https.port());
        SSLContext client = TrustAllTls.context();
        try (SubscriberPool pool = new SubscriberPool(List.of(at), "/source?room=test", List.of(), latency, client, 0)) {
            SubscriberGroup group = pool.open(new SubscriberGroup("g", 20, true, 0));
            assertThat(Await.until(() -> group.ready == 20, 10_000)).as("all subscribed").isTrue();

            // big enough messages that a read holds several records, and some end mid-record
            Publisher.Outcome out = new Publisher(List.of(at), "test", 20_000, 2, client).run(20, Duration.ofMillis(500));

            assertThat(out.failed()).isZero();
            assertThat(out.sent()).isPositive();
            assertThat(Await.until(() -> group.events == out.sent() * 20, 10_000)).as("all delivered").isTrue();
            assertThat(latency.getIntervalHistogram().getTotalCount()).isEqualTo(out.sent() * 20);
        } finally {
            https.stop();
        }
    }

    /** A server context for a throw-away EC key made with the JDK's keytool, as bench/run.sh makes its own. */
    private static SSLContext serverContext(Path dir) throws Exception {
        Path file = dir.resolve("test.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void aNonReadingGroupStaysSubscribedButReceivesNothingUntilResumed() throws Exception {
        try (SubscriberPool pool = new SubscriberPool(address, "/source?room=test", List.of(), latency)) {
            SubscriberGroup slow = pool.open(new SubscriberGroup("slow", 5, false, 4096));
            assertThat(Await.until(() -> slow.ready == 5, 10_000)).isTrue();
            SubscriberGroup marker = pool.open(new SubscriberGroup("marker", 1, true, 0));
            assertThat(Await.until(() -> marker.ready == 1, 10_000)).isTrue();

            Publisher.Outcome out = new Publisher(address, "test", 10, 1).run(10, Duration.ofMillis(300));
            assertThat(out.sent()).isPositive();
            // The reading subscriber in the same pool got every event: the deliveries have been
            // made, the slow group's too, and the pool has been reading; still none may be read.
            assertThat(Await.until(() -> marker.events == out.sent(), 10_000)).as("marker delivered").isTrue();
            assertThat(slow.events).isZero();

            pool.resumeReading(slow);
            assertThat(Await.until(() -> slow.events == out.sent() * 5, 10_000)).isTrue();
        }
    }

    @Test
    void spreadsSubscribersAndPublisherConnectionsOverEveryNode() throws Exception {
        SseChannels otherSse = SseChannels.create();
        HouseServer other = HouseServer.builder().config(ServerConfig.builder().port(0).build())
                .router(router(otherSse)).build().start();
        try (SubscriberPool pool = new SubscriberPool(List.of(address, new InetSocketAddress(
                InetAddress.getLoopbackAddress(), other.port())), "/source?room=test", List.of(), latency, null, 0)) {
            SubscriberGroup group = pool.open(new SubscriberGroup("g", 10, true, 0));
            assertThat(Await.until(() -> group.ready == 10, 10_000)).isTrue();
            assertThat(Await.until(() -> sse.stats().subscriptions() == 5 && otherSse.stats().subscriptions() == 5,
                    10_000)).as("five subscribers on each node").isTrue();

            // Two connections, one per node; the nodes share no broker, so each post reaches
            // only the five subscribers of the node it was sent to.
            Publisher.Outcome out = new Publisher(List.of(address, new InetSocketAddress(
                    InetAddress.getLoopbackAddress(), other.port())), "test", 0, 2, null).run(20, Duration.ofMillis(500));
            assertThat(out.failed()).isZero();
            assertThat(sse.stats().published()).isPositive();
            assertThat(otherSse.stats().published()).isPositive();
            assertThat(Await.until(() -> group.events == out.sent() * 5, 10_000)).isTrue();
        } finally {
            other.stop();
        }
    }

    @Test
    void countsASubscriberTheServerRefusesAsFailed() throws Exception {
        try (SubscriberPool pool = new SubscriberPool(address, "/nowhere", List.of(), latency)) {
            SubscriberGroup group = pool.open(new SubscriberGroup("g", 3, true, 0));

            assertThat(Await.until(() -> group.failed == 3, 10_000)).isTrue();
            assertThat(group.ready).isZero();
            assertThat(group.firstFailure).isEqualTo("status 404");
        }
    }

    @Test
    void overHttp2SubscribersShareConnectionsAndEachReceivesEveryEvent() throws Exception {
        try (SubscriberPool pool = new SubscriberPool(List.of(address), "/source?room=test", List.of(), latency, null,
                10)) {
            SubscriberGroup group = pool.open(new SubscriberGroup("g", 25, true, 0));
            assertThat(Await.until(() -> group.ready == 25, 10_000)).as("all subscribed").isTrue();
            assertThat(pool.connections()).as("10 + 10 + 5 streams").isEqualTo(3);
            assertThat(sse.stats().subscriptions()).isEqualTo(25);

            Publisher.Outcome out = new Publisher(address, "test", 10, 2).run(20, Duration.ofMillis(500));

            assertThat(out.failed()).isZero();
            assertThat(out.sent()).isPositive();
            assertThat(Await.until(() -> group.events == out.sent() * 25, 10_000)).as("all delivered").isTrue();
            assertThat(latency.getIntervalHistogram().getTotalCount()).isEqualTo(out.sent() * 25);
            assertThat(group.failed).isZero();
        }
    }

    @Test
    void overTlsHttp2IsAgreedByAlpnAndEveryStreamReceivesEveryEvent(@TempDir Path dir) throws Exception {
        HouseServer https = HouseServer.builder()
                .config(ServerConfig.builder().port(0).tls(TlsConfig.of(serverContext(dir))).build())
                .router(router(sse)).build().start();
        InetSocketAddress at = new InetSocketAddress(InetAddress.getLoopbackAddress(), https.port());
        SSLContext client = TrustAllTls.context();
        try (SubscriberPool pool = new SubscriberPool(List.of(at), "/source?room=test", List.of(), latency, client, 8)) {
            SubscriberGroup group = pool.open(new SubscriberGroup("g", 16, true, 0));
            assertThat(Await.until(() -> group.ready == 16, 10_000)).as("all subscribed: " + group.firstFailure).isTrue();
            assertThat(pool.connections()).isEqualTo(2);

            // big messages: DATA frames span TLS records and reads
            Publisher.Outcome out = new Publisher(List.of(at), "test", 20_000, 2, client).run(20, Duration.ofMillis(500));

            assertThat(out.failed()).isZero();
            boolean delivered = Await.until(() -> group.events == out.sent() * 16, 10_000);
            assertThat(delivered).as("all delivered: %d of %d, %d streams ended", group.events, out.sent() * 16,
                    group.ended).isTrue();
        } finally {
            https.stop();
        }
    }

    @Test
    void overHttp2CountsEachStreamTheServerRefusesAsFailed() throws Exception {
        try (SubscriberPool pool = new SubscriberPool(List.of(address), "/nowhere", List.of(), latency, null, 10)) {
            SubscriberGroup group = pool.open(new SubscriberGroup("g", 3, true, 0));

            assertThat(Await.until(() -> group.failed == 3, 10_000)).isTrue();
            assertThat(group.ready).isZero();
            assertThat(group.firstFailure).isEqualTo("status 404");
        }
    }
}
