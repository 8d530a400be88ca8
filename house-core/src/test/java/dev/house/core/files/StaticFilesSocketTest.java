package dev.house.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.http.Handler;
import dev.house.core.http.RequestRouter;
import dev.house.core.testing.Intercepted;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.RawHttpClient.HttpResponse;
import dev.house.core.testing.TestServers;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticFilesSocketTest {
    private static final int LARGE_SIZE = 20 * 1024 * 1024;

    @TempDir
    Path root;
    private HouseServer server;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(root.resolve("index.html"), "<h1>home</h1>");
        Files.writeString(root.resolve("style.css"), "p { margin: 0 }");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "[core] secret");

        Handler files = StaticFiles.fromDirectory(root).handler("/");
        Handler classpath = StaticFiles.fromClasspath("classpath:/web-test-static/").handler("/cp");
        RequestRouter router = request -> Intercepted.everything(
                request.path().startsWith("/cp/") ? classpath : files).route(request);
        server = TestServers.start(router);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse get(String target, String... headers) throws Exception {
        StringBuilder raw = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            raw.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            return client.send(raw.append("\r\n").toString()).read();
        }
    }

    @Test
    void servesFilesWithTheirContentType() throws Exception {
        HttpResponse css = get("/style.css");
        HttpResponse html = get("/");

        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(css.bodyText()).isEqualTo("p { margin: 0 }");
        assertThat(html.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(html.bodyText()).isEqualTo("<h1>home</h1>");
    }

    @Test
    void answers304ToIfNoneMatch() throws Exception {
        String etag = get("/style.css").header("ETag");

        HttpResponse response = get("/style.css", "If-None-Match", etag);

        assertThat(response.status()).isEqualTo(304);
        assertThat(response.header("ETag")).isEqualTo(etag);
        assertThat(response.header("Content-Length")).isNull();
    }

    @Test
    void answers304ToIfModifiedSince() throws Exception {
        String lastModified = get("/style.css").header("Last-Modified");

        HttpResponse response = get("/style.css", "If-Modified-Since", lastModified);

        assertThat(response.status()).isEqualTo(304);
    }

    @Test
    void headSendsHeadersWithTheFileLengthButNoBody() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse head = client.send("HEAD /style.css HTTP/1.1\r\nHost: localhost\r\n\r\n").read(true);
            // A body sent after the HEAD response would be read as the next status line here.
            HttpResponse next = client.get("/").read();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo(Integer.toString("p { margin: 0 }".length()));
            assertThat(head.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
            assertThat(next.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void dotDotTraversalIsRejected() throws Exception {
        assertThat(get("/../etc/passwd").status()).isEqualTo(400);
        assertThat(get("/%2e%2e/").status()).isEqualTo(400);
        assertThat(get("/%2e%2e/etc/passwd").status()).isEqualTo(400);
        assertThat(get("/assets/..%2f..%2fetc/passwd").status()).isEqualTo(400);
        assertThat(get("/%2e%2e%2fetc%2fpasswd").status()).isEqualTo(400);
    }

    @Test
    void dotDirectoriesAreNotServed() throws Exception {
        HttpResponse response = get("/.git/config");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.bodyText()).doesNotContain("secret");
    }

    @Test
    void streamsALargeFileWithTheRightLengthAndContent() throws Exception {
        byte[] large = new byte[LARGE_SIZE];
        new Random(42).nextBytes(large);
        Files.write(root.resolve("large.bin"), large);
        String expectedSha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(large));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/large.bin"))
                .build();

        java.net.http.HttpResponse<InputStream> response = client.send(request,
                java.net.http.HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(LARGE_SIZE);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long total = 0;
        try (InputStream in = response.body()) {
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                total += n;
            }
        }
        assertThat(total).isEqualTo(LARGE_SIZE);
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(expectedSha256);
    }

    @Test
    void servesClasspathResources() throws Exception {
        HttpResponse response = get("/cp/css/site.css");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(response.bodyText()).isEqualTo("body { color: red; }");
    }

    @Test
    void unknownMethodOnAFileGets405() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("DELETE /style.css HTTP/1.1\r\nHost: localhost\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
        }
    }
}
