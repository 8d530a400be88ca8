package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.multipart.FilePart;
import dev.house.core.testing.TestServers;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Typed parameters from {@code multipart/form-data} bodies: text fields and uploaded files. */
class MultipartParametersSocketTest {
    private static final String BOUNDARY = "----house-test-boundary";
    private static HouseServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        Param<String> title = Param.of("title", ParamTypes.STRING);
        Param<Integer> copies = Param.of("copies", ParamTypes.INT);
        Param<FilePart> upload = Param.of("upload", ParamTypes.FILE);
        server = TestServers.start(Router.builder()
                .json(POST, "/upload", List.of(title, copies, upload), args -> {
                    FilePart file = args.get(upload);
                    try (InputStream in = file.open()) {
                        return Map.of("title", args.get(title), "copies", args.get(copies),
                                "filename", file.filename(), "size", in.readAllBytes().length);
                    }
                })
                .build());
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String form(String copies) {
        return "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"title\"\r\n\r\nHoliday ✓\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"copies\"\r\n\r\n" + copies + "\r\n"
                + "--" + BOUNDARY + "\r\n"
                + "Content-Disposition: form-data; name=\"upload\"; filename=\"photo.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n" + "x".repeat(1000) + "\r\n"
                + "--" + BOUNDARY + "--\r\n";
    }

    @Test
    void bindsMultipartFieldsAndFilesToTypedParameters() throws Exception {
        HttpResponse<String> response = http.post("/upload", "multipart/form-data; boundary=" + BOUNDARY, form("3"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"title\":\"Holiday ✓\"").contains("\"copies\":3")
                .contains("\"filename\":\"photo.txt\"").contains("\"size\":1000");
    }

    @Test
    void rejectsAMultipartFieldOfTheWrongType() throws Exception {
        HttpResponse<String> response = http.post("/upload", "multipart/form-data; boundary=" + BOUNDARY, form("three"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("\"name\":\"copies\"").doesNotContain("three");
    }
}
