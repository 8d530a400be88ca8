package dev.house.core.multipart;

import static dev.house.core.multipart.MultipartBodies.BOUNDARY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.Response;
import dev.house.core.testing.Intercepted;
import dev.house.core.testing.TestServers;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.StringJoiner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartSocketTest {
    @TempDir
    Path uploads;
    private HouseServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        MultipartParser parser = MultipartParser.builder().tempDirectory(uploads).build();
        server = TestServers.start(Router.builder()
                .post("/upload", Intercepted.handler(r -> Response.text(describe(parser.parse(r))), new UploadCleanup()))
                .build(), b -> b.limits(HttpLimits.defaults().withMaxBodySize(8 * 1024 * 1024)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static String describe(MultipartForm form) throws Exception {
        StringJoiner out = new StringJoiner("\n");
        form.fields().forEach((name, values) -> out.add("field " + name + "=" + String.join(",", values)));
        for (FilePart file : form.files()) {
            out.add("file " + file.name() + " " + file.filename() + " " + file.contentType() + " " + file.size()
                    + " " + (file instanceof SpilledFilePart ? "disk" : "memory") + " " + sha256(file));
        }
        return out.toString();
    }

    private static String sha256(FilePart file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = file.open()) {
            sha.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/upload"))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void receivesFieldsAndSmallAndLargeFiles() throws Exception {
        byte[] small = "hello, file\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] large = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(large);
        byte[] body = new MultipartBodies()
                .field("title", "Holiday ☀")
                .file("note", "note.txt", "text/plain", small)
                .file("photo", "photo.jpg", "image/jpeg", large)
                .end();

        HttpResponse<String> response = post("multipart/form-data; boundary=" + BOUNDARY, body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("field title=Holiday ☀\n"
                + "file note note.txt text/plain " + small.length + " memory " + sha256(small) + "\n"
                + "file photo photo.jpg image/jpeg " + large.length + " disk " + sha256(large));
        try (var left = Files.list(uploads)) {
            assertThat(left).as("temporary files after the exchange").isEmpty();
        }
    }

    @Test
    void malformedBodyIs400WithASpecificMessage() throws Exception {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        HttpResponse<String> response = post("multipart/form-data; boundary=" + BOUNDARY, body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"status\":400,\"detail\":\"Multipart body ends without a closing boundary\"");
    }

    @Test
    void missingBoundaryIs400() throws Exception {
        HttpResponse<String> response = post("multipart/form-data", new byte[] {'x'});

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("no boundary parameter");
    }

    @Test
    void nonMultipartBodyIs415() throws Exception {
        assertThat(post("application/json", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(415);
    }
}
