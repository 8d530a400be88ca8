package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.GET;
import static dev.house.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.HouseServer;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Response;
import dev.house.core.http.StreamChunk;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.TestServers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Each response style of a typed route, over real sockets. */
class HandlerKindsSocketTest {
    record Greeting(String text, int count) {
    }

    private static HouseServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        Param<String> who = Param.of("who", ParamTypes.STRING);
        Router router = Router.builder()
                .closing(GET, "/hello", List.of(who), args -> "<p>Hello</p>")
                .closing(GET, "/bytes", List.of(), args -> "raw".getBytes(StandardCharsets.UTF_8))
                .endpoint(Endpoint.of(GET, "/plain").contentType(Response.TEXT_PLAIN).closing(args -> "plain"))
                .closing(GET, "/created", List.of(), args -> Response.text("made").status(HttpStatus.CREATED))
                .closing(GET, "/nothing", List.of(), args -> null)
                .closing(GET, "/wrong", List.of(), args -> 42)
                .json(GET, "/greeting", List.of(who), args -> new Greeting("hi " + args.get(who), 2))
                .endpoint(Endpoint.of(GET, "/pretty")
                        .jsonMapper(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build())
                        .json(args -> Map.of("a", 1)))
                .stream(GET, "/ticks", List.of(Param.of("n", ParamTypes.INT)), args -> {
                    int n = args.get("n", Integer.class);
                    return Response.stream("text/event-stream", stream -> {
                        for (int i = 1; i <= n; i++) {
                            stream.send(StreamChunk.of("data: " + i + "\n\n"));
                        }
                        stream.close();
                    });
                })
                .stream(GET, "/not-a-stream", List.of(), args -> Response.text("oops"))
                .redirect("/", "/index", 302)
                .redirect("/old", "https://example.org/new?a=1", 308)
                .build();
        server = TestServers.start(router);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void closingHandlerTextIsHtmlByDefault() throws Exception {
        HttpResponse<String> response = http.get("/hello?who=ann");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.contentType(response)).isEqualTo("text/html; charset=utf-8");
        assertThat(response.body()).isEqualTo("<p>Hello</p>");
    }

    @Test
    void closingHandlerBytesUseTheRouteContentType() throws Exception {
        HttpResponse<String> response = http.get("/bytes");
        assertThat(Http.contentType(response)).isEqualTo("text/html; charset=utf-8");
        assertThat(response.body()).isEqualTo("raw");
        assertThat(Http.contentType(http.get("/plain"))).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void closingHandlerMayReturnAResponse() throws Exception {
        HttpResponse<String> response = http.get("/created");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("made");
    }

    @Test
    void nullResultIsNoContent() throws Exception {
        assertThat(http.get("/nothing").statusCode()).isEqualTo(204);
    }

    @Test
    void closingHandlerReturningAnythingElseIsAServerError() throws Exception {
        HttpResponse<String> response = http.get("/wrong");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("Integer");
    }

    @Test
    void jsonHandlerSerialisesTheResult() throws Exception {
        HttpResponse<String> response = http.get("/greeting?who=bob");
        assertThat(Http.contentType(response)).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"text\":\"hi bob\",\"count\":2}");
    }

    @Test
    void jsonHandlerUsesTheSuppliedMapper() throws Exception {
        assertThat(http.get("/pretty").body()).contains("\n");
    }

    @Test
    void streamHandlerSendsChunksWithoutContentLength() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.get("/ticks?n=2");
            RawHttpClient.HttpResponse response = client.read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).doesNotContainKey("content-length");
            assertThat(response.headers().get("transfer-encoding")).isEqualTo("chunked");
            assertThat(response.headers().get("content-type")).isEqualTo("text/event-stream");
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("data: 1\n\ndata: 2\n\n");
        }
    }

    @Test
    void streamHandlerValidatesItsParametersFirst() throws Exception {
        HttpResponse<String> response = http.get("/ticks?n=many");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.contentType(response)).isEqualTo("application/problem+json");
    }

    @Test
    void streamHandlerNotReturningAStreamIsAServerError() throws Exception {
        assertThat(http.get("/not-a-stream").statusCode()).isEqualTo(500);
    }

    @Test
    void redirectSendsLocationForEveryMethod() throws Exception {
        HttpResponse<String> get = http.get("/");
        assertThat(get.statusCode()).isEqualTo(302);
        assertThat(get.headers().firstValue("Location")).contains("/index");
        HttpResponse<String> post = http.form("/old", "a=1");
        assertThat(post.statusCode()).isEqualTo(308);
        assertThat(post.headers().firstValue("Location")).contains("https://example.org/new?a=1");
    }

    @Test
    void redirectRefusesHeaderInjection() {
        assertThatThrownBy(() -> Router.builder().redirect("/x", "/a\r\nSet-Cookie: s=1", 302))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR, LF");
    }

    @Test
    void redirectRefusesNonRedirectStatus() {
        assertThatThrownBy(() -> Router.builder().redirect("/x", "/y", 200))
                .hasMessageContaining("301, 302, 303, 307 or 308");
    }

    @Test
    void redirectRefusesInvalidLocation() {
        assertThatThrownBy(() -> Router.builder().redirect("/x", "/a b", 302))
                .hasMessageContaining("valid URI reference");
    }

    @Test
    void unknownPathIs404OverTheWire() throws Exception {
        HttpResponse<String> response = http.get("/missing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("/missing");
    }

    @Test
    void otherMethodIs405WithAllowOverTheWire() throws Exception {
        HttpResponse<String> response = http.form("/hello", "who=x");
        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET, HEAD");
    }

    @Test
    void headIsAnsweredByTheGetRouteWithoutABody() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.send("HEAD /hello?who=x HTTP/1.1\r\nHost: localhost\r\n\r\n");
            RawHttpClient.HttpResponse response = client.read(true);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().get("content-type")).isEqualTo("text/html; charset=utf-8");
            client.get("/hello?who=x");
            assertThat(new String(client.read().body(), StandardCharsets.UTF_8)).isEqualTo("<p>Hello</p>");
        }
    }

    @Test
    void typedPostRouteReadsTheBody() throws Exception {
        Router router = Router.builder()
                .json(POST, "/echo", List.of(Param.of("v", ParamTypes.STRING)), args -> Map.of("v", args.get("v")))
                .build();
        HouseServer own = TestServers.start(router);
        try {
            assertThat(new Http(own.port()).form("/echo", "v=x").body()).isEqualTo("{\"v\":\"x\"}");
        } finally {
            own.stop();
        }
    }
}
