package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.http.Response;
import dev.house.core.multipart.FilePart;
import dev.house.core.multipart.MultipartForm;
import dev.house.core.testing.TestServers;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upload too big for memory is spilled to a temporary file; the file is gone once the exchange
 * has ended, whether the body was bound to a typed parameter or parsed by the handler, with no
 * interceptor installed. Counted in the temporary directory: the files that existed while the
 * handler ran must not exist after the response.
 */
class UploadCleanupSocketTest {
    private static final String BOUNDARY = "----house-cleanup-boundary";
    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));
    private static HouseServer server;
    private static Http http;
    /** Upload files seen in the temporary directory while the last handler ran. */
    private static volatile Set<Path> seenDuringHandling = Set.of();
    private static volatile Set<Path> before = Set.of();

    @BeforeAll
    static void start() {
        Param<FilePart> upload = Param.of("upload", ParamTypes.FILE);
        server = TestServers.start(Router.builder()
                .json(POST, "/typed", List.of(upload), args -> {
                    seenDuringHandling = newUploadFiles();
                    return Map.of("size", args.get(upload).size());
                })
                .post("/parsed", request -> {
                    MultipartForm form = MultipartForm.parse(request);
                    seenDuringHandling = newUploadFiles();
                    return Response.text("parts " + form.files().size());
                })
                .build());
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void temporaryFileOfATypedFileParameterIsDeletedWhenTheExchangeEnds() throws Exception {
        assertUploadLeavesNoFile("/typed");
    }

    @Test
    void temporaryFileOfAFormParsedByTheHandlerIsDeletedWhenTheExchangeEnds() throws Exception {
        assertUploadLeavesNoFile("/parsed");
    }

    private static void assertUploadLeavesNoFile(String path) throws Exception {
        before = uploadFiles();
        HttpResponse<String> response = http.post(path, "multipart/form-data; boundary=" + BOUNDARY, bigForm());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(seenDuringHandling).as("the upload was spilled to a temporary file").isNotEmpty();
        Set<Path> left = new HashSet<>(seenDuringHandling);
        left.retainAll(uploadFiles());
        assertThat(left).as("temporary files left after the exchange").isEmpty();
    }

    private static Set<Path> newUploadFiles() {
        Set<Path> now = uploadFiles();
        now.removeAll(before);
        return now;
    }

    private static Set<Path> uploadFiles() {
        try (Stream<Path> files = Files.list(TEMP)) {
            return files.filter(f -> f.getFileName().toString().startsWith("house-upload-"))
                    .collect(Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One file of 200 KB: over the 64 KB memory threshold, so it is written to disk. */
    private static String bigForm() {
        return "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\"big.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + "x".repeat(200_000) + "\r\n"
                + "--" + BOUNDARY + "--\r\n";
    }
}
