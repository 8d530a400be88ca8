package dev.house.core.tls;

import static dev.house.core.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.Response;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseConfig;
import dev.house.core.testing.CapturedLogs;
import dev.house.core.testing.PendingBound;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.Required;
import dev.house.core.testing.TestCertificates;
import dev.house.core.testing.TestServers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsTest {
    @TempDir
    static Path certDir;
    static TestCertificates certs;
    static TestCertificates otherCerts;

    private HouseServer server;
    private final BlockingQueue<ResponseStream> streams = new LinkedBlockingQueue<>();
    private final AtomicReference<SSLContext> serverContext = new AtomicReference<>();
    private final SseChannels sse = SseChannels.builder()
            .config(SseConfig.builder().heartbeat(Duration.ofMillis(200)).build()).build();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.generate(certDir, "house-test");
        otherCerts = TestCertificates.generate(certDir, "house-reloaded");
    }

    private void start(java.util.function.UnaryOperator<TlsConfig.Builder> tls) throws Exception {
        serverContext.set(certs.serverContext());
        TlsConfig config = tls.apply(TlsConfig.builder(serverContext::get)).build();
        server = TestServers.start(Router.builder()
                .get("/hello", r -> Response.text("Hello, world"))
                .get("/tls", r -> Response.text(r.tls().protocol() + " " + r.tls().serverName() + " " + r.isSecure()))
                .post("/echo", r -> Response.bytes(r.body(), "application/octet-stream"))
                .get("/big", r -> Response.bytes(new byte[1024 * 1024], "application/octet-stream"))
                .get("/file", r -> {
                    Path f = Files.createTempFile(certDir, "big", ".bin");
                    byte[] content = new byte[3 * 1024 * 1024 + 17];
                    for (int i = 0; i < content.length; i++) {
                        content[i] = (byte) (i * 31);
                    }
                    Files.write(f, content);
                    return Response.file(f, content.length, "application/octet-stream");
                })
                .get("/events", r -> sse.subscribe(r, List.of("lobby")))
                .get("/stream", r -> Response.stream("text/plain", s -> {
                    s.send(StreamChunk.of("open\n"));
                    streams.add(s);
                }))
                .build(), b -> b.tls(config).limits(HttpLimits.defaults().withMaxBodySize(2 * 1024 * 1024))
                .streamMaxPendingBytes(64 * 1024));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private HttpClient client() throws Exception {
        return HttpClient.newBuilder().sslContext(TestCertificates.clientContext(certs.certificate()))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + server.port() + path);
    }

    @Test
    void servesHttpsWithKeepAlive() throws Exception {
        start(b -> b);
        HttpClient client = client();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("Hello, world");
        }
    }

    @Test
    void handlersSeeTheTlsSessionAndSniHostName() throws Exception {
        start(b -> b);
        String body = client().send(HttpRequest.newBuilder(uri("/tls")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(body).matches("TLSv1\\.[23] localhost true");
    }

    @Test
    void curlWithCacertGetsTheResponse() throws Exception {
        start(b -> b);
        Required.component("curl", Files.isExecutable(Path.of("/usr/bin/curl")),
                "this test runs curl, which is not installed; install it with: apt-get install curl");
        Process curl = new ProcessBuilder("curl", "-sS", "--cacert", certs.certificatePem().toString(),
                "https://localhost:" + server.port() + "/hello", "https://localhost:" + server.port() + "/hello")
                .redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(output).isEqualTo("Hello, worldHello, world");
    }

    @Test
    void pipelinedRequestsOverTlsAreAnsweredInOrder() throws Exception {
        start(b -> b);
        try (SSLSocket socket = sslSocket(null)) {
            StringBuilder requests = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                requests.append("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n");
            }
            socket.getOutputStream().write(requests.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < 20; i++) {
                assertThat(readOneResponseBody(in)).isEqualTo("Hello, world");
            }
        }
    }

    @Test
    void oneMegabyteBodiesGoBothWays() throws Exception {
        start(b -> b);
        byte[] body = new byte[1024 * 1024];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        HttpResponse<byte[]> response = client().send(HttpRequest.newBuilder(uri("/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.body()).isEqualTo(body);
        assertThat(client().send(HttpRequest.newBuilder(uri("/big")).build(), HttpResponse.BodyHandlers.ofByteArray())
                .body()).hasSize(1024 * 1024);
    }

    @Test
    void filesAreEncryptedOnTheirWayOut() throws Exception {
        start(b -> b);
        byte[] body = client().send(HttpRequest.newBuilder(uri("/file")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertThat(body).hasSize(3 * 1024 * 1024 + 17);
        assertThat(body[1000]).isEqualTo((byte) (1000 * 31));
        assertThat(body[body.length - 1]).isEqualTo((byte) ((body.length - 1) * 31));
    }

    @Test
    void streamOverTlsCarriesChunksSentLater() throws Exception {
        start(b -> b);
        try (SSLSocket socket = sslSocket(null)) {
            socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            while (!reader.readLine().isEmpty()) {
                // headers
            }
            assertThat(reader.readLine()).isEqualTo("5");
            assertThat(reader.readLine()).isEqualTo("open");
            reader.readLine();
            streams.poll(5, TimeUnit.SECONDS).send(StreamChunk.of("later\n"));
            assertThat(reader.readLine()).isEqualTo("6");
            assertThat(reader.readLine()).isEqualTo("later");
        }
    }

    @Test
    void sseOverTlsDeliversHeartbeatsLiveEventsAndReplay() throws Exception {
        start(b -> b);
        String firstId;
        try (SSLSocket socket = sslSocket(null)) {
            BufferedReader reader = openEvents(socket, null);
            until(() -> sse.channels().stream().anyMatch(c -> c.subscribers() == 1), "subscribed over TLS");
            firstId = sse.publish("lobby", "one").toString();
            assertThat(nextLineStartingWith(reader, "id: ")).isEqualTo("id: " + firstId);
            assertThat(reader.readLine()).isEqualTo("data: one");
            assertThat(nextLineStartingWith(reader, ":")).isEqualTo(":"); // heartbeat on the idle stream
        }
        sse.publish("lobby", "two");
        sse.publish("lobby", "three");
        try (SSLSocket socket = sslSocket(null)) {
            BufferedReader reader = openEvents(socket, firstId);
            assertThat(nextLineStartingWith(reader, "data: ")).isEqualTo("data: two");
            assertThat(nextLineStartingWith(reader, "data: ")).isEqualTo("data: three");
        }
    }

    private static BufferedReader openEvents(SSLSocket socket, String lastEventId) throws IOException {
        socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: localhost\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).isEqualTo("HTTP/1.1 200 OK");
        return reader;
    }

    /** Reads (chunk-size lines included) until a line with this prefix. */
    private static String nextLineStartingWith(BufferedReader reader, String prefix) throws IOException {
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IOException("stream ended before a line starting with " + prefix);
    }

    @Test
    void clientThatStopsReadingMidStreamIsCut() throws Exception {
        start(b -> b);
        try (SSLSocket socket = sslSocket(null)) {
            socket.setReceiveBufferSize(4096);
            socket.getOutputStream().write("GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ResponseStream stream = streams.poll(5, TimeUnit.SECONDS);
            StreamChunk chunk = StreamChunk.wrap(new byte[8 * 1024]);
            for (int i = 0; i < 20_000 && stream.isOpen(); i++) {
                stream.send(chunk);
                if (i % 32 == 31) {
                    until(() -> stream.pendingBytes() < 64 * 1024 || !stream.isOpen(), "server takes the sends");
                }
            }
            until(() -> !stream.isOpen(), "slow TLS stream cut");
        }
        until(() -> server.connectionCount() == 0, "connection released");
    }

    @Test
    void slowTlsClientStaysOpenAtItsPendingBoundAndIsCutOneBytePast() throws Exception {
        start(b -> b);
        try (SSLSocket socket = sslSocket(null)) {
            socket.setReceiveBufferSize(4096);
            socket.getOutputStream().write("GET /stream HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            ResponseStream stream = streams.poll(5, TimeUnit.SECONDS);
            // Pending bytes count ciphertext the socket did not take as well as queued plaintext.
            PendingBound.assertOpenAtBoundAndCutOnePast(stream, 64 * 1024);
        }
        until(() -> server.connectionCount() == 0, "connection released");
    }

    @Test
    void plainHttpToTheTlsPortGetsAClearTextAnswer() throws Exception {
        start(b -> b);
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            RawHttpClient.HttpResponse response = client.get("/hello").read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.bodyText()).contains("HTTPS");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void garbageHandshakeIsClosedWithoutHarm() throws Exception {
        // The handshake timeout is far longer than the wait below: only refusing the garbage can close this.
        start(b -> b.handshakeTimeout(Duration.ofMinutes(2)));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
            out.flush();
            assertClosedByServer(socket, Duration.ofSeconds(10)); // an alert may come first
            // Released by the server itself: the client's socket is still open here.
            until(() -> server.connectionCount() == 0, "garbage handshake's connection released");
        }
        servesHttpsAfterwards();
    }

    @Test
    void silentClientIsClosedAfterTheHandshakeTimeout() throws Exception {
        start(b -> b.handshakeTimeout(Duration.ofMillis(300)));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            long started = System.nanoTime();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        }
    }

    @Test
    void oversizedHandshakeIsRefused() throws Exception {
        // The handshake timeout is far longer than the wait below: only the byte limit can close this.
        start(b -> b.maxHandshakeBytes(1024).handshakeTimeout(Duration.ofMinutes(2)));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            // A well-formed handshake record header declaring 16 KiB, then 3000 bytes of it: the TLS
            // engine waits for the rest of the record, so nothing but the 1024-byte limit refuses it.
            int declared = 16 * 1024;
            byte[] partialRecord = new byte[5 + 3000];
            partialRecord[0] = 0x16; // handshake
            partialRecord[1] = 3;
            partialRecord[2] = 1; // TLS 1.0 record version, as a ClientHello's record carries
            partialRecord[3] = (byte) (declared >> 8);
            partialRecord[4] = (byte) (declared & 0xff);
            socket.getOutputStream().write(partialRecord);
            socket.getOutputStream().flush();
            assertClosedByServer(socket, Duration.ofSeconds(10));
            until(() -> server.connectionCount() == 0, "oversized handshake's connection released");
        }
    }

    /**
     * Reads until the server ends the connection (EOF, or a reset) while this side keeps its
     * socket open; fails if {@code within} passes first.
     */
    private static void assertClosedByServer(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // an alert may come before the close
            }
        } catch (java.net.SocketTimeoutException stillOpen) {
            throw new AssertionError("server did not close the connection within " + within, stillOpen);
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
    }

    @Test
    void reloadedCertificateIsUsedByNewConnections() throws Exception {
        start(b -> b);
        assertThat(peerCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=house-test");
        serverContext.set(otherCerts.serverContext());
        assertThat(peerCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=house-reloaded");
    }

    @Test
    void defaultsAreTls13And12WithForwardSecretAeadSuites() throws Exception {
        SSLContext context = certs.serverContext();
        SSLEngine engine = TlsConfig.builder(() -> context).build().newEngine();
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(engine.getEnabledCipherSuites()).isNotEmpty().allSatisfy(suite -> assertThat(suite)
                .matches("TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)"
                        + "|TLS_ECDHE_(ECDSA|RSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)"));
        assertThat(engine.getSSLParameters().getApplicationProtocols()).contains("http/1.1");
    }

    @Test
    void alpnNegotiatesHttp11() throws Exception {
        start(b -> b);
        try (SSLSocket socket = sslSocketWith(params -> params.setApplicationProtocols(new String[] {"x-unknown/1", "http/1.1"}))) {
            assertThat(socket.getApplicationProtocol()).isEqualTo("http/1.1");
        }
    }

    @Test
    void clientOfferingOnlyAnUnknownAlpnProtocolIsRefused() throws Exception {
        start(b -> b);
        assertThatThrownBy(() -> sslSocketWith(params -> params.setApplicationProtocols(new String[] {"x-unknown/1"})).close())
                .isInstanceOf(SSLHandshakeException.class); // closed mid-handshake (today without the alert)
        until(() -> server.connectionCount() == 0, "refused connection released");
    }

    @Test
    void tls12RenegotiationIsRefused() throws Exception {
        start(b -> b);
        try (SSLSocket socket = sslSocketWith(params -> params.setProtocols(new String[] {"TLSv1.2"}))) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readOneResponseBody(in)).isEqualTo("Hello, world");
            // A second handshake on the same connection: house closes it instead of taking part.
            Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() -> {
                socket.startHandshake();
                out.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                readOneResponseBody(in);
            });
            assertThat(refused).as("renegotiation refused").isInstanceOf(IOException.class)
                    .isNotInstanceOf(java.net.SocketTimeoutException.class);
            until(() -> server.connectionCount() == 0, "connection released");
        }
    }

    @Test
    void houseSendsCloseNotifyBeforeClosing() throws Exception {
        start(b -> b);
        try (EngineClient client = new EngineClient(TestCertificates.clientContext(certs.certificate()), server.port())) {
            client.send("GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(client.readUntilClosedCleanly()).as("close_notify before the TCP close").isTrue();
            assertThat(client.received()).startsWith("HTTP/1.1 200").endsWith("Hello, world");
        }
    }

    @Test
    void clientCloseNotifyIsAnsweredWithOneAndAClose() throws Exception {
        start(b -> b);
        try (EngineClient client = new EngineClient(TestCertificates.clientContext(certs.certificate()), server.port())) {
            until(() -> server.connectionCount() == 1, "connection open");
            client.sendCloseNotify();
            assertThat(client.readUntilClosedCleanly()).as("close_notify answered").isTrue();
            // Released by the server while the client's socket is still open.
            until(() -> server.connectionCount() == 0, "connection released");
        }
    }

    @Test
    void openConnectionsKeepTheirSessionAcrossACertificateReload() throws Exception {
        start(b -> b);
        try (SSLSocket before = sslSocket(null)) {
            OutputStream out = before.getOutputStream();
            out.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readOneResponseBody(before.getInputStream())).isEqualTo("Hello, world");
            byte[] sessionId = before.getSession().getId();

            serverContext.set(otherCerts.serverContext());
            assertThat(peerCertificate().getSubjectX500Principal().getName()).isEqualTo("CN=house-reloaded");

            out.write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readOneResponseBody(before.getInputStream())).isEqualTo("Hello, world");
            assertThat(before.getSession().getId()).isEqualTo(sessionId);
            assertThat(((X509Certificate) before.getSession().getPeerCertificates()[0]).getSubjectX500Principal()
                    .getName()).isEqualTo("CN=house-test");
        }
    }

    @Test
    void plainHttpToTheTlsPortIsLoggedOnceAtInfo() throws Exception {
        start(b -> b);
        try (CapturedLogs logs = CapturedLogs.atLeast(Level.INFO)) {
            try (RawHttpClient client = new RawHttpClient(server.port())) {
                assertThat(client.get("/hello").read().status()).isEqualTo(400);
                assertThat(client.isClosedByServer()).isTrue();
            }
            until(() -> server.connectionCount() == 0, "connection released");
            assertThat(logs.events()).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.INFO);
                assertThat(e.getFormattedMessage()).contains("plain HTTP").contains("TLS port");
                assertThat(e.getThrowableProxy()).as("no stack trace").isNull();
            });
        }
    }

    @Test
    void httpsRedirectSendsPlainRequestsToTheSecurePort() throws Exception {
        HouseServer plain = TestServers.start(HttpsRedirect.to(8443));
        try (RawHttpClient client = new RawHttpClient(plain.port())) {
            RawHttpClient.HttpResponse response = client.send(
                    "POST /rooms/a?x=1 HTTP/1.1\r\nHost: example.test:" + plain.port() + "\r\nContent-Length: 0\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(308);
            assertThat(response.header("Location")).isEqualTo("https://example.test:8443/rooms/a?x=1");
        } finally {
            plain.stop();
        }
    }

    private void servesHttpsAfterwards() throws Exception {
        assertThat(client().send(HttpRequest.newBuilder(uri("/hello")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(200);
    }

    private X509Certificate peerCertificate() throws Exception {
        SSLContext trustBoth = TestCertificates.clientContext(certs.certificate(), otherCerts.certificate());
        try (SSLSocket socket = (SSLSocket) trustBoth.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private SSLSocket sslSocket(String sni) throws Exception {
        return sslSocket(sni, params -> { });
    }

    private SSLSocket sslSocketWith(java.util.function.Consumer<SSLParameters> tweak) throws Exception {
        return sslSocket(null, tweak);
    }

    private SSLSocket sslSocket(String sni, java.util.function.Consumer<SSLParameters> tweak) throws Exception {
        SSLSocket socket = (SSLSocket) TestCertificates.clientContext(certs.certificate()).getSocketFactory()
                .createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setSoTimeout(5000);
        SSLParameters params = socket.getSSLParameters();
        params.setServerNames(List.of(new SNIHostName(sni == null ? "localhost" : sni)));
        tweak.accept(params);
        socket.setSSLParameters(params);
        socket.startHandshake();
        return socket;
    }

    private static String readOneResponseBody(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed");
            }
            head.append((char) b);
        }
        int at = head.indexOf("Content-Length: ") + 16;
        int length = Integer.parseInt(head.substring(at, head.indexOf("\r\n", at)));
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
