package dev.house.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.http.Interceptor;
import dev.house.core.handler.Router;
import dev.house.core.http.Body;
import dev.house.core.http.ErrorFormat;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.RawHttpClient.HttpResponse;
import dev.house.core.testing.TestExecutors;
import dev.house.core.testing.TestServers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every error the server produces is an RFC 9457 problem ({@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance} naming the request) unless plain text is
 * configured: routing, handler, overload and parser errors, over a real socket.
 */
class ProblemResponsesTest {
    private static final String PROBLEM = "application/problem+json";

    private HouseServer server;
    private final List<String> afterSaw = new ArrayList<>();

    private HouseServer start(UnaryOperator<ServerConfig.Builder> config) {
        server = TestServers.start(router(), config);
        return server;
    }

    private Router router() {
        return Router.builder()
                .intercept(new Interceptor() {
                    @Override
                    public Response after(Request request, Response response) {
                        if (response.body() instanceof Body.Bytes bytes) {
                            afterSaw.add(response.status().code() + " " + new String(bytes.bytes(), StandardCharsets.UTF_8));
                        }
                        return response.header("X-After", "seen");
                    }
                })
                .get("/hello", r -> Response.text("Hello"))
                .post("/hello", r -> Response.text("posted"))
                .post("/body", r -> Response.text("got " + r.body().length))
                .get("/boom", r -> {
                    throw new IllegalStateException("secret internal detail");
                })
                .get("/not-acceptable", r -> {
                    throw new HttpException(HttpStatus.NOT_ACCEPTABLE, "Only application/json can be produced");
                })
                .post("/unsupported", r -> {
                    throw new HttpException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Expected a multipart/form-data body");
                })
                .build();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aMissingPathIs404Problem() throws Exception {
        HttpResponse response = exchange(b -> b, "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
        assertProblem(response, 404, "Not Found", "No resource at this path");
        assertThat(response.bodyText()).contains("\"instance\":\"urn:house:request:");
    }

    @Test
    void aWrongMethodIs405ProblemWithAllow() throws Exception {
        HttpResponse response = exchange(b -> b, "DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        assertProblem(response, 405, "Method Not Allowed", null);
        assertThat(response.header("Allow")).contains("GET", "POST");
    }

    @Test
    void notAcceptableAndUnsupportedMediaTypeAreProblems() throws Exception {
        start(b -> b);
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertProblem(client.get("/not-acceptable").read(), 406, "Not Acceptable",
                    "Only application/json can be produced");
            client.send("POST /unsupported HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
            assertProblem(client.read(), 415, "Unsupported Media Type", "Expected a multipart/form-data body");
        }
    }

    @Test
    void aTooLargeBodyIs413Problem() throws Exception {
        HttpResponse response = exchange(b -> b.limits(HttpLimits.defaults().withMaxBodySize(10)),
                "POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
        assertProblem(response, 413, "Content Too Large", null);
    }

    @Test
    void tooLargeHeadersAre431Problem() throws Exception {
        HttpResponse response = exchange(b -> b, "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000) + "\r\n\r\n");
        assertProblem(response, 431, "Request Header Fields Too Large", null);
    }

    @Test
    void aTooLongTargetIs414Problem() throws Exception {
        HttpResponse response = exchange(b -> b, "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertProblem(response, 414, "URI Too Long", null);
    }

    @Test
    void aMalformedRequestLineIs400Problem() throws Exception {
        HttpResponse response = exchange(b -> b, "GET  /hello HTTP/1.1\r\nHost: x\r\n\r\n");
        assertProblem(response, 400, "Bad Request", null);
    }

    @Test
    void anIncompleteRequestIs408ProblemAfterTheTimeout() throws Exception {
        HttpResponse response = exchange(b -> b.requestTimeout(Duration.ofMillis(300)), "GET /hello HTTP/1.1\r\n");
        assertProblem(response, 408, "Request Timeout", null);
    }

    @Test
    void aHandlerFailureIs500ProblemWithTheRequestIdAndNoStackTrace() throws Exception {
        HttpResponse response = exchange(b -> b, "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
        assertProblem(response, 500, "Internal Server Error", null);
        String instance = response.bodyText().replaceAll("(?s).*\"instance\":\"urn:house:request:(\\d+)\".*", "$1");
        assertThat(response.bodyText()).contains("(request " + instance + ")")
                .doesNotContain("secret").doesNotContain("Exception").doesNotContain("at dev.");
    }

    @Test
    void interceptorsSeeTheHandlerFailure500AndItsBody() throws Exception {
        HttpResponse response = exchange(b -> b, "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(response.header("X-After")).isEqualTo("seen");
        assertThat(afterSaw).singleElement().asString().startsWith("500 {\"type\":\"about:blank\"");
    }

    @Test
    void anOverloadedServerAnswers503Problem() throws Exception {
        server = HouseServer.builder()
                .config(ServerConfig.builder().port(0).address(java.net.InetAddress.getLoopbackAddress())
                        .eventLoops(1).shutdownGracePeriod(Duration.ofSeconds(1)).build())
                .router(router()).workers(TestExecutors.rejecting()).build().start();
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertProblem(client.get("/hello").read(), 503, "Service Unavailable", "Server is overloaded; retry later");
        }
    }

    @Test
    void plainTextErrorsWhenConfigured() throws Exception {
        HttpResponse response = exchange(b -> b.errorFormat(ErrorFormat.TEXT), "GET /nothing HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(response.bodyText()).isEqualTo("No resource at this path\n");
    }

    @Test
    void plainTextParserErrorsWhenConfigured() throws Exception {
        HttpResponse response = exchange(b -> b.errorFormat(ErrorFormat.TEXT),
                "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(response.status()).isEqualTo(414);
        assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    }

    private HttpResponse exchange(UnaryOperator<ServerConfig.Builder> config, String raw) throws Exception {
        start(config);
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            return client.send(raw).read();
        }
    }

    private static void assertProblem(HttpResponse response, int status, String title, String detail) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.header("Content-Type")).isEqualTo(PROBLEM);
        String body = response.bodyText();
        assertThat(body).startsWith("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"");
        if (detail != null) {
            assertThat(body).contains("\"detail\":\"" + detail + "\"");
        }
    }
}
