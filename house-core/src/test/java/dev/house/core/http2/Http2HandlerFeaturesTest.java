package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.cors.Cors;
import dev.house.core.cors.CorsPolicy;
import dev.house.core.files.StaticFiles;
import dev.house.core.handler.Router;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.handler.param.Restrictions;
import dev.house.core.handler.param.Source;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Interceptor;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.multipart.FilePart;
import dev.house.core.multipart.MultipartForm;
import dev.house.core.multipart.MultipartParser;
import dev.house.core.session.Session;
import dev.house.core.session.Sessions;
import dev.house.core.testing.Required;
import dev.house.core.testing.TestCertificates;
import dev.house.core.testing.TestServers;
import dev.house.core.tls.TlsConfig;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What handlers rely on besides routing, over HTTP/2 with real clients on real sockets:
 * multipart uploads, sessions and their cookies, CORS, HEAD, interceptors, typed-parameter
 * validation and large static files under flow control. The handlers and interceptors are the
 * ones HTTP/1.1 uses, unchanged.
 */
class Http2HandlerFeaturesTest {
    private static final String APP = "http://localhost:5173";
    /** The body limit of the {@link #limited} server, below the stream window we grant. */
    private static final int SMALL_BODY_LIMIT = 16 * 1024;
    private static final int LARGE_FILE_SIZE = 5 * 1024 * 1024;

    @TempDir
    static Path dir;
    static Path uploads;
    static Path files;
    static TestCertificates certs;
    static HouseServer plain;
    static HouseServer tls;
    static HouseServer limited;

    @BeforeAll
    static void start() throws Exception {
        uploads = Files.createDirectory(dir.resolve("uploads"));
        files = Files.createDirectory(dir.resolve("files"));
        certs = TestCertificates.generate(dir, "localhost");
        byte[] large = new byte[LARGE_FILE_SIZE];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) ('a' + (i * 7 + (i >>> 13)) % 26); // text, so a frame-level client can count it
        }
        Files.write(files.resolve("large.bin"), large);
        Files.writeString(files.resolve("small.txt"), "a small static file\n");

        MultipartParser parser = MultipartParser.builder().tempDirectory(uploads).build();
        Sessions sessions = Sessions.builder()
                .onCreate((session, request) -> session.attribute("visits", new AtomicInteger()))
                .build();
        Cors cors = Cors.builder()
                .allow(APP, CorsPolicy.builder().allowMethods(HttpMethod.GET, HttpMethod.PUT)
                        .allowHeaders("Content-Type").build())
                .build();
        Param<Integer> age = Param.of("age", ParamTypes.INT).from(Source.BODY).restrict(Restrictions.between(0, 150));
        Router router = Router.builder()
                .intercept(marking(), cors, sessions.interceptor())
                .post("/upload", r -> Response.text(describe(parser.parse(r))))
                .get("/visit", r -> {
                    Session s = sessions.getOrCreate(r);
                    return Response.text("visit " + s.attribute("visits", AtomicInteger.class).incrementAndGet());
                })
                .get("/cookies", r -> Response.text(String.join(" | ", r.headers().getAll("cookie"))))
                .get("/api/doc", r -> Response.text("doc"))
                .get("/marked", r -> Response.text("handler saw " + r.attribute("marked")))
                .json(HttpMethod.POST, "/profile", List.of(age), args -> Map.of("age", args.get(age)))
                .post("/echo", r -> Response.text("echo " + r.bodyText()))
                .get("/static/{*path}", StaticFiles.fromDirectory(files).handler("/static"))
                .build();
        plain = TestServers.start(router);
        SSLContext context = certs.serverContext();
        tls = TestServers.start(router, b -> b.tls(TlsConfig.builder(() -> context).build()));
        limited = TestServers.start(router, b -> b.limits(HttpLimits.defaults().withMaxBodySize(SMALL_BODY_LIMIT)));
    }

    @AfterAll
    static void stop() {
        plain.stop();
        tls.stop();
        limited.stop();
    }

    /** Marks the request before the handler and the response after it. */
    private static Interceptor marking() {
        return new Interceptor() {
            @Override
            public Response before(Request request) {
                request.attribute("marked", "yes");
                return null;
            }

            @Override
            public Response after(Request request, Response response) {
                return response.header("X-Intercepted", request.version().text());
            }
        };
    }

    private static String describe(MultipartForm form) throws Exception {
        StringJoiner out = new StringJoiner("\n");
        form.fields().forEach((name, values) -> out.add("field " + name + "=" + String.join(",", values)));
        for (FilePart file : form.files()) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = file.open()) {
                sha.update(in.readAllBytes());
            }
            out.add("file " + file.name() + " " + file.filename() + " " + file.size() + " "
                    + HexFormat.of().formatHex(sha.digest()));
        }
        return out.toString();
    }

    private static String url(HouseServer server, String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    private static void requireCurl() {
        Required.component("curl", Http2SocketTest.installed("curl"),
                "curl is not installed; install it with: apt-get install curl");
    }

    private static HttpClient jdkClient() throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(TestCertificates.clientContext(certs.certificate())).build();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    // ---- multipart -----------------------------------------------------------------------------

    @Test
    void aMultipartUploadReachesTheParserAndLeavesNoTemporaryFile() throws Exception {
        requireCurl();
        byte[] photo = new byte[300 * 1024]; // past the memory threshold: spilled to a temporary file
        for (int i = 0; i < photo.length; i++) {
            photo[i] = (byte) (i * 13);
        }
        Path photoFile = Files.write(dir.resolve("photo.jpg"), photo);

        String out = Http2SocketTest.run("curl", "-sS", "--http2-prior-knowledge", "-w", "\n%{http_version} %{response_code}",
                "-F", "title=Holiday", "-F", "photo=@" + photoFile + ";type=image/jpeg", url(plain, "/upload"));

        assertThat(out).isEqualTo("field title=Holiday\nfile photo photo.jpg " + photo.length + " " + sha256(photo) + "\n2 200");
        try (var left = Files.list(uploads)) {
            assertThat(left).as("temporary files after the exchange").isEmpty();
        }
    }

    @Test
    void aBodyOverTheLimitIs413OnItsStreamAndASiblingStreamIsStillServed() throws Exception {
        try (H2SocketClient client = new H2SocketClient(limited.port())) {
            client.request(1, "POST", "/echo", false, "content-type: text/plain");
            ByteSink sink = new ByteSink(SMALL_BODY_LIMIT + 64);
            FrameWriter.data(sink, 1, ByteBuffer.wrap(new byte[SMALL_BODY_LIMIT / 2]), false);
            FrameWriter.data(sink, 1, ByteBuffer.wrap(new byte[SMALL_BODY_LIMIT / 2 + 1]), false);
            client.send(sink);
            H2SocketClient.await(() -> client.sawFrame("RST_STREAM 1"), "the over-limit stream to end");
            client.get(3, "/visit");
            H2SocketClient.await(() -> client.sawFrame("END_STREAM 3"), "the sibling stream's response");

            assertThat(client.frames).anySatisfy(f -> assertThat(f).startsWith("HEADERS 1 ").contains(":status=413"));
            assertThat(client.text(1)).as("the problem body")
                    .contains("\"status\":413,\"detail\":\"Request body is larger than the limit of " + SMALL_BODY_LIMIT + " bytes\"");
            assertThat(client.frames).containsSubsequence("END_STREAM 1", "RST_STREAM 1 NO_ERROR");
            assertThat(client.text(3)).isEqualTo("visit 1");
            assertThat(client.frames).noneMatch(f -> f.startsWith("GOAWAY"));
        }
    }

    @Test
    void aHeaderSectionOverTheLimitIs431WithAProblemNamingTheLimit() throws Exception {
        int limit = HttpLimits.defaults().maxHeaderSize();
        try (H2SocketClient client = new H2SocketClient(plain.port())) {
            // Under the limit as encoded, over it as decoded (RFC 9113 §6.5.2 counts 32 octets a field).
            client.get(1, "/visit", "x-large: " + "x".repeat(limit - 64));
            H2SocketClient.await(() -> client.sawFrame("END_STREAM 1"), "the refusal");
            client.get(3, "/api/doc");
            H2SocketClient.await(() -> client.sawFrame("END_STREAM 3"), "the sibling stream's response");

            assertThat(client.frames).anySatisfy(f -> assertThat(f).startsWith("HEADERS 1 ").contains(":status=431"));
            assertThat(client.text(1)).contains("\"status\":431,\"detail\":\"Header section is larger than " + limit + " bytes\"");
            assertThat(client.text(3)).isEqualTo("doc");
        }
    }

    // ---- sessions and cookies ------------------------------------------------------------------

    @Test
    void aSessionCookieSetOverH2IsHonouredOnTheSameConnectionAndOnANewOne() throws Exception {
        requireCurl();
        // Over TLS: curl 7.88 cannot reuse a prior-knowledge h2c connection (curl/curl#10634).
        Path jar = dir.resolve("cookies-" + System.nanoTime());
        String cacert = certs.certificatePem().toString();
        String visit = "https://localhost:" + tls.port() + "/visit";
        String sameConnection = Http2SocketTest.run("curl", "-sS", "--http2", "--cacert", cacert, "-c", jar.toString(),
                "-b", jar.toString(), "-w", " (%{http_version}, %{num_connects} new connection)\n", visit, visit);
        String newConnection = Http2SocketTest.run("curl", "-sS", "--http2", "--cacert", cacert, "-b", jar.toString(),
                "-w", " (%{http_version}, %{num_connects} new connection)", visit);

        assertThat(sameConnection).isEqualTo("visit 1 (2, 1 new connection)\nvisit 2 (2, 0 new connection)\n");
        assertThat(newConnection).isEqualTo("visit 3 (2, 1 new connection)");
    }

    @Test
    void cookieCrumbsInSeveralFieldsReachTheHandlerAsOneCookieHeader() throws Exception {
        try (H2SocketClient client = new H2SocketClient(plain.port())) {
            // RFC 9113 §8.2.3: a client may split the cookie field into one field per crumb.
            client.get(1, "/cookies", "cookie: a=1", "accept: */*", "cookie: b=2", "cookie: c=3");
            H2SocketClient.await(() -> client.sawFrame("END_STREAM 1"), "the response");

            assertThat(client.text(1)).isEqualTo("a=1; b=2; c=3");
        }
    }

    @Test
    void aSessionTokenInALaterCookieCrumbFindsTheSession() throws Exception {
        try (H2SocketClient client = new H2SocketClient(plain.port())) {
            client.get(1, "/visit");
            H2SocketClient.await(() -> client.sawFrame("END_STREAM 1"), "the first response");
            String setCookie = client.frames.stream().filter(f -> f.startsWith("HEADERS 1 ")).findFirst().orElseThrow();
            int at = setCookie.indexOf("set-cookie=house-session=") + "set-cookie=".length();
            String crumb = setCookie.substring(at, setCookie.indexOf(';', at));

            client.get(3, "/visit", "cookie: theme=dark", "cookie: " + crumb);
            H2SocketClient.await(() -> client.sawFrame("END_STREAM 3"), "the second response");

            assertThat(client.text(1)).isEqualTo("visit 1");
            assertThat(client.text(3)).isEqualTo("visit 2");
        }
    }

    // ---- CORS ----------------------------------------------------------------------------------

    @Test
    void aCorsPreflightOverH2IsApproved() throws Exception {
        requireCurl();
        String out = Http2SocketTest.run("curl", "-sS", "--http2-prior-knowledge", "-i", "-X", "OPTIONS",
                "-H", "Origin: " + APP, "-H", "Access-Control-Request-Method: PUT",
                "-H", "Access-Control-Request-Headers: content-type", url(plain, "/api/doc"));

        assertThat(out).startsWith("HTTP/2 204").contains("access-control-allow-origin: " + APP + "\r\n",
                "access-control-allow-methods: GET, PUT\r\n");
    }

    @Test
    void aCrossOriginRequestOverH2CarriesTheAllowOriginHeader() throws Exception {
        HttpResponse<String> response = jdkClient().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + tls.port() + "/api/doc")).header("Origin", APP).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("doc");
        assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue(APP);
        assertThat(response.headers().firstValue("vary")).hasValue("Origin");
    }

    // ---- HEAD ----------------------------------------------------------------------------------

    @Test
    void headOfAStaticFileIsItsHeadersWithLengthAndEndStreamAndNoData() throws Exception {
        try (H2SocketClient client = new H2SocketClient(plain.port())) {
            client.request(1, "HEAD", "/static/small.txt", true);
            H2SocketClient.await(() -> client.sawFrame("HEADERS 1 "), "the HEAD response");
            // A later stream's whole response: any DATA of stream 1 would have been written before it.
            client.get(3, "/static/small.txt");
            H2SocketClient.await(() -> client.sawFrame("END_STREAM 3"), "the GET response");

            assertThat(client.frames).anySatisfy(f -> assertThat(f).startsWith("HEADERS 1 END_STREAM [")
                    .contains(":status=200", "content-length=" + Files.size(files.resolve("small.txt"))));
            assertThat(client.text(1)).isEmpty();
            assertThat(client.frames).noneMatch(f -> f.equals("END_STREAM 1"));
            assertThat(client.text(3)).isEqualTo("a small static file\n");
        }
    }

    // ---- interceptors and validation -----------------------------------------------------------

    @Test
    void interceptorsRunAroundAnH2Request() throws Exception {
        HttpResponse<String> response = jdkClient().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + tls.port() + "/marked")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.body()).isEqualTo("handler saw yes");
        assertThat(response.headers().firstValue("x-intercepted")).hasValue("HTTP/2");
    }

    @Test
    void aBodyParameterFailingItsRestrictionIsA400ProblemOverH2() throws Exception {
        HttpResponse<String> response = jdkClient().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + tls.port() + "/profile"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("age=200")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"detail\":\"Invalid parameter: age\"",
                "\"errors\":[{\"name\":\"age\",\"reason\":\"restriction\",\"message\":\"must be between 0 and 150\"");
    }

    // ---- large static files --------------------------------------------------------------------

    @Test
    void aStaticFileLargerThanTheClientsWindowsArrivesWholeWithNghttp() throws Exception {
        Required.component("nghttp2", Http2SocketTest.installed("nghttp"),
                "nghttp (Debian nghttp2-client) is not installed; install it with: apt-get install nghttp2-client");
        Path copy = dir.resolve("large-copy-" + System.nanoTime());
        // -w/-W 14: 16 KiB stream and connection windows, so the 5 MiB travel under hundreds of updates.
        Process p = new ProcessBuilder("nghttp", "-w", "14", "-W", "14", url(plain, "/static/large.bin"))
                .redirectOutput(copy.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("nghttp finished").isTrue();
        assertThat(p.exitValue()).isZero();

        assertThat(Files.size(copy)).isEqualTo(LARGE_FILE_SIZE);
        assertThat(sha256(Files.readAllBytes(copy))).isEqualTo(sha256(Files.readAllBytes(files.resolve("large.bin"))));
    }

    @Test
    void aStaticFileIsReadFromDiskAsTheWindowOpensNotAheadOfIt() throws Exception {
        Path file = files.resolve("changing.txt");
        byte[] before = new byte[LARGE_FILE_SIZE];
        Arrays.fill(before, (byte) 'a');
        Files.write(file, before);
        try (H2SocketClient client = new H2SocketClient(plain.port())) {
            client.get(1, "/static/changing.txt");
            // Stream 1 gets no window beyond the initial 65,535 octets until the file has changed.
            H2SocketClient.await(() -> client.text(1).length() == Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE,
                    "the first window's worth of the file");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                byte[] after = new byte[LARGE_FILE_SIZE - Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE];
                Arrays.fill(after, (byte) 'b');
                raf.seek(Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE);
                raf.write(after);
            }
            client.flowing.add(1);
            client.windowUpdate(1, Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE);
            H2SocketClient.await(() -> client.sawFrame("END_STREAM 1"), "the rest of the file");

            String body = client.text(1);
            int readAhead = body.indexOf('b') - Http2Settings.DEFAULT_INITIAL_WINDOW_SIZE;
            assertThat(body).hasSize(LARGE_FILE_SIZE);
            assertThat(readAhead).as("octets the server had read past what the window let it send")
                    .isBetween(0, 256 * 1024);
            assertThat(body.substring(body.indexOf('b'))).as("the rest, read after the change").doesNotContain("a");
        }
    }

    @Test
    void aClientReturningWindowAfterEveryDataFrameIsNotTakenForAFlood() throws Exception {
        // A 4 KiB stream window: 1,280 DATA frames, each answered by two WINDOW_UPDATEs.
        try (H2SocketClient client = new H2SocketClient(plain.port(), Http2Settings.INITIAL_WINDOW_SIZE, 4096)) {
            client.flowing.add(1);
            client.get(1, "/static/large.bin");
            H2SocketClient.await(() -> client.sawFrame("END_STREAM 1") || client.closedByServer, "the whole file");

            assertThat(client.frames).noneMatch(f -> f.startsWith("GOAWAY"));
            assertThat(client.text(1)).hasSize(LARGE_FILE_SIZE);
        }
    }

    @Test
    void aLargeStaticFileArrivesWholeOverTlsWithTheJdkClient() throws Exception {
        HttpResponse<byte[]> response = jdkClient().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + tls.port() + "/static/large.bin")).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.headers().firstValue("content-length")).hasValue(Integer.toString(LARGE_FILE_SIZE));
        assertThat(sha256(response.body())).isEqualTo(sha256(Files.readAllBytes(files.resolve("large.bin"))));
    }
}
