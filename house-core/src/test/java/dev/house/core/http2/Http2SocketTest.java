package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.handler.param.Source;
import dev.house.core.http.Response;
import dev.house.core.testing.Required;
import dev.house.core.testing.TestCertificates;
import dev.house.core.testing.TestServers;
import dev.house.core.tls.TlsConfig;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 on real sockets against a running server, with real clients: curl (prior knowledge on
 * the plain port, ALPN over TLS), the JDK HttpClient, nghttp and h2load; HTTP/1.1 still served on
 * the same port; the handlers see the same requests and errors as over HTTP/1.1.
 */
class Http2SocketTest {
    @TempDir
    static Path dir;
    static TestCertificates certs;
    static Path bigFile;
    static HouseServer plain;
    static HouseServer tls;

    @BeforeAll
    static void start() throws Exception {
        certs = TestCertificates.generate(dir, "localhost");
        bigFile = dir.resolve("big.bin");
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Files.write(bigFile, content);
        Param<Integer> page = Param.of("page", ParamTypes.INT).from(Source.QUERY);
        Router router = Router.builder()
                .get("/hello", r -> Response.text("hello " + r.version().text() + " " + r.path() + " " + r.queryParameter("x")))
                .post("/echo", r -> Response.text("echo " + r.version().text() + " " + r.bodyText()))
                .get("/big", r -> Response.file(bigFile, Files.size(bigFile), "application/octet-stream"))
                .get("/header", r -> Response.text(r.header("x-test") + " " + r.header("host")))
                .json(dev.house.core.http.HttpMethod.GET, "/page", List.of(page), args -> Map.of("page", args.get(page)))
                .build();
        plain = TestServers.start(router);
        SSLContext context = certs.serverContext();
        tls = TestServers.start(router, b -> b.tls(TlsConfig.builder(() -> context).build()));
    }

    @AfterAll
    static void stop() {
        plain.stop();
        tls.stop();
    }

    private static String plainUrl(String path) {
        return "http://127.0.0.1:" + plain.port() + path;
    }

    private static String tlsUrl(String path) {
        return "https://localhost:" + tls.port() + path;
    }

    static boolean installed(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool));
    }

    static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exit status; output:%n%s", command[0], text).isZero();
        return text;
    }

    private static void requireCurl() {
        Required.component("curl", installed("curl"), "curl is not installed; install it with: apt-get install curl");
    }

    private static void requireNghttp(String tool) {
        Required.component("nghttp2", installed(tool), tool + " (Debian nghttp2-client) is not installed; install it with: apt-get install nghttp2-client");
    }

    @Test
    void curlWithPriorKnowledgeReachesTheRouterOverH2c() throws Exception {
        requireCurl();
        String out = run("curl", "-sS", "--http2-prior-knowledge", "-w", "\n%{http_version} %{response_code}",
                plainUrl("/hello?x=1"));
        assertThat(out).isEqualTo("hello HTTP/2 /hello 1\n2 200");
        String post = run("curl", "-sS", "--http2-prior-knowledge", "-d", "name=house", plainUrl("/echo"));
        assertThat(post).isEqualTo("echo HTTP/2 name=house");
    }

    @Test
    void http11IsStillServedOnThePlainPort() throws Exception {
        requireCurl();
        String out = run("curl", "-sS", "--http1.1", "-w", "\n%{http_version} %{response_code}", plainUrl("/hello?x=2"));
        assertThat(out).isEqualTo("hello HTTP/1.1 /hello 2\n1.1 200");
    }

    @Test
    void curlNegotiatesH2ByAlpnOverTls() throws Exception {
        requireCurl();
        String out = run("curl", "-sS", "--http2", "--cacert", certs.certificatePem().toString(),
                "-w", "\n%{http_version} %{response_code}", tlsUrl("/hello?x=3"));
        assertThat(out).isEqualTo("hello HTTP/2 /hello 3\n2 200");
    }

    @Test
    void curlAskingForHttp11OverTlsGetsHttp11() throws Exception {
        requireCurl();
        String out = run("curl", "-sS", "--http1.1", "--cacert", certs.certificatePem().toString(),
                "-w", "\n%{http_version}", tlsUrl("/hello?x=4"));
        assertThat(out).isEqualTo("hello HTTP/1.1 /hello 4\n1.1");
    }

    @Test
    void jdkHttpClientSpeaksHttp2OverTls() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TestCertificates.clientContext(certs.certificate())).build();
        HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create(tlsUrl("/hello?x=5"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(get.body()).isEqualTo("hello HTTP/2 /hello 5");
        HttpResponse<String> post = client.send(HttpRequest.newBuilder(URI.create(tlsUrl("/echo")))
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(200_000))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(post.body()).isEqualTo("echo HTTP/2 " + "x".repeat(200_000));
        HttpResponse<String> header = client.send(HttpRequest.newBuilder(URI.create(tlsUrl("/header")))
                .header("X-Test", "yes").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(header.body()).isEqualTo("yes localhost:" + tls.port());
    }

    @Test
    void aClientOfferingOnlyUnknownProtocolsGetsNoApplicationProtocol() throws Exception {
        SSLContext client = TestCertificates.clientContext(certs.certificate());
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), tls.port())) {
            SSLParameters params = socket.getSSLParameters();
            params.setApplicationProtocols(new String[] {"spdy/3"});
            socket.setSSLParameters(params);
            socket.setSoTimeout(10_000);
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLHandshakeException.class)
                    .hasMessageContaining("no_application_protocol");
        }
    }

    @Test
    void aLargeFileArrivesWholeUnderFlowControl() throws Exception {
        requireCurl();
        Path copy = dir.resolve("copy.bin");
        run("curl", "-sS", "--http2-prior-knowledge", "-o", copy.toString(), plainUrl("/big"));
        assertThat(sha256(copy)).isEqualTo(sha256(bigFile));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TestCertificates.clientContext(certs.certificate())).build();
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(tlsUrl("/big"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(response.body())))
                .isEqualTo(sha256(bigFile));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aTypedParameterErrorIsTheSameProblemOverH2() throws Exception {
        requireCurl();
        String out = run("curl", "-sS", "--http2-prior-knowledge", "-w", "\n%{http_version} %{response_code}",
                plainUrl("/page?page=abc"));
        assertThat(out).contains("\"page\"").endsWith("\n2 400");
        String unsafe = run("curl", "-sS", "--http2-prior-knowledge", "--path-as-is", "-w", "\n%{response_code}",
                plainUrl("/../etc/passwd"));
        assertThat(unsafe).endsWith("\n400");
    }

    @Test
    void nghttpGetsResponsesOnSeveralStreams() throws Exception {
        requireNghttp("nghttp");
        String out = run("nghttp", "-v", plainUrl("/hello?x=6"), plainUrl("/hello?x=7"));
        assertThat(out).contains("SETTINGS_MAX_CONCURRENT_STREAMS(0x03):128", ":status: 200",
                "hello HTTP/2 /hello 6", "hello HTTP/2 /hello 7");
    }

    @Test
    void h2loadCompletesEveryRequestWith2xx() throws Exception {
        requireNghttp("h2load");
        String out = run("h2load", "-n", "2000", "-c", "4", "-m", "16", plainUrl("/hello?x=8"));
        assertThat(out).contains("2000 total, 2000 started, 2000 done, 2000 succeeded, 0 failed, 0 errored",
                "status codes: 2000 2xx");
    }

    @Test
    void nghttpNegotiatesH2ByAlpnOverTls() throws Exception {
        requireNghttp("nghttp");
        String out = run("nghttp", "-nv", tlsUrl("/hello?x=9"));
        assertThat(out).contains("The negotiated protocol: h2", "SETTINGS_MAX_CONCURRENT_STREAMS(0x03):128",
                ":status: 200", "recv SETTINGS frame <length=0, flags=0x01, stream_id=0>");
        assertThat(out).doesNotContain("RST_STREAM", "PROTOCOL_ERROR");
    }

    @Test
    void h2loadOverTlsCompletesEveryRequestWith2xx() throws Exception {
        requireNghttp("h2load");
        String out = run("h2load", "-n", "2000", "-c", "4", "-m", "16", tlsUrl("/hello?x=10"));
        assertThat(out).contains("Application protocol: h2",
                "2000 total, 2000 started, 2000 done, 2000 succeeded, 0 failed, 0 errored", "status codes: 2000 2xx");
    }

    @Test
    void aPrefaceSplitAcrossReadsIsStillRecognised() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), plain.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HT".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(200);
            out.write("TP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // an empty SETTINGS frame
            out.flush();
            byte[] head = socket.getInputStream().readNBytes(9);
            assertThat(head[3]).as("frame type of the server's first frame").isEqualTo((byte) 4);
        }
    }
}
