package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seeds' HTTP API of the chat room, spoken by an ordinary HTTP client over loopback: what a
 * {@code curl} user sees.
 */
@SpringBootTest(classes = ChatApplication.class, properties = "house.port=0")
class ChatHttpTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.house.port}")
    int port;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SseLines stream;

    @AfterEach
    void closeStream() {
        if (stream != null) {
            stream.close();
        }
    }

    @Test
    void aJsonPostIsPublishedToTheRoomAsJsonData() throws Exception {
        stream = subscribe("json-room");

        HttpResponse<String> sent = post("application/json",
                "{\"room\":\"json-room\",\"name\":\"Ada\",\"message\":\"Hello, house\"}");

        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode reply = JSON.readTree(sent.body());
        List<String> event = stream.nextEvent();
        assertThat(SseLines.field(event, "id")).isEqualTo(reply.get("id").asString());
        JsonNode data = JSON.readTree(SseLines.field(event, "data"));
        assertThat(data.get("name").asString()).isEqualTo("Ada");
        assertThat(data.get("message").asString()).isEqualTo("Hello, house");
        assertThat(Instant.parse(data.get("at").asString())).isEqualTo(Instant.parse(reply.get("at").asString()));
        assertThat(data.propertyNames()).containsExactlyInAnyOrder("name", "message", "at");
    }

    @Test
    void aFormPostIsPublishedToTheRoom() throws Exception {
        stream = subscribe("form-room");

        HttpResponse<String> sent = post("application/x-www-form-urlencoded",
                "room=form-room&name=Bob&message=" + URLEncoder.encode("From a form: ok?", StandardCharsets.UTF_8));

        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(SseLines.field(stream.nextEvent(), "data"));
        assertThat(data.get("message").asString()).isEqualTo("From a form: ok?");
    }

    @Test
    void aGetWithQueryParametersIsPublishedAsInTheSeeds() throws Exception {
        stream = subscribe("query-room");

        HttpResponse<String> sent = get("/send-message?room=query-room&name=Cy&message=hi+there");

        assertThat(sent.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(SseLines.field(stream.nextEvent(), "data"));
        assertThat(data.get("name").asString()).isEqualTo("Cy");
        assertThat(data.get("message").asString()).isEqualTo("hi there");
    }

    @Test
    void headToSendMessageIs405AndPublishesNothing() throws Exception {
        stream = subscribe("head-room");

        HttpResponse<String> head = client.send(HttpRequest.newBuilder(
                        uri("/send-message?room=head-room&name=Cy&message=sent+by+HEAD"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        get("/send-message?room=head-room&name=Cy&message=sent+by+GET");

        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.headers().firstValue("Allow")).hasValue("GET, POST");
        // The first event the room sees is the GET's: the HEAD before it published nothing.
        JsonNode data = JSON.readTree(SseLines.field(stream.nextEvent(), "data"));
        assertThat(data.get("message").asString()).isEqualTo("sent by GET");
    }

    @Test
    void aRoomOfAnyTextIsItsOwnChannel() throws Exception {
        stream = subscribe("café ☕ 1");
        try (SseLines other = subscribe("café ☕ 2")) {
            post("application/json", "{\"room\":\"café ☕ 2\",\"name\":\"Dan\",\"message\":\"second room\"}");
            post("application/json", "{\"room\":\"café ☕ 1\",\"name\":\"Dan\",\"message\":\"first room\"}");

            assertThat(JSON.readTree(SseLines.field(stream.nextEvent(), "data")).get("message").asString())
                    .isEqualTo("first room");
            assertThat(JSON.readTree(SseLines.field(other.nextEvent(), "data")).get("message").asString())
                    .isEqualTo("second room");
        }
    }

    @Test
    void aSourceResumesAfterTheLastEventIdQueryParameter() throws Exception {
        String first = JSON.readTree(post("application/json",
                "{\"room\":\"resume-room\",\"name\":\"Eve\",\"message\":\"first one\"}").body()).get("id").asString();
        post("application/json", "{\"room\":\"resume-room\",\"name\":\"Eve\",\"message\":\"second one\"}");

        stream = SseLines.open(client, uri("/source?room=resume-room&lastEventId=" + first));

        JsonNode replayed = JSON.readTree(SseLines.field(stream.nextEvent(), "data"));
        assertThat(replayed.get("message").asString()).isEqualTo("second one");
    }

    @Test
    void invalidInputAnswers400ProblemJsonNamingEachBadParameter() throws Exception {
        HttpResponse<String> sent = post("application/json",
                "{\"room\":\"this room name is far too long\",\"name\":\"\",\"message\":\"hi\"}");

        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(sent.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(sent.body());
        assertThat(problem.get("errors").valueStream().map(error -> error.get("name").asString() + ": "
                + error.get("message").asString()).toList()).containsExactly(
                "room: must be 1 to 16 characters long",
                "name: must be 1 to 64 characters long",
                "message: must be 5 to 256 characters long");
        assertThat(sent.body()).doesNotContain("far too long");
    }

    @Test
    void missingParametersAreNamedToo() throws Exception {
        HttpResponse<String> sent = get("/send-message?room=lobby");

        assertThat(sent.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(sent.body());
        assertThat(problem.get("errors").valueStream().map(error -> error.get("name").asString() + ": "
                + error.get("reason").asString()).toList()).containsExactly("name: missing", "message: missing");
    }

    @Test
    void aSourceForARoomLongerThan16CharactersIs400() throws Exception {
        HttpResponse<String> answer = get("/source?room=" + "r".repeat(17));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).get("errors").get(0).get("name").asString()).isEqualTo("room");
    }

    @Test
    void aSourceWithoutARoomIs400() throws Exception {
        HttpResponse<String> answer = get("/source");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(answer.body()).get("errors").get(0).get("reason").asString()).isEqualTo("missing");
    }

    @Test
    void theRootRedirectsToTheIndexPage() throws Exception {
        HttpResponse<String> answer = get("/");

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(answer.headers().firstValue("Location")).hasValue("/index");
    }

    @Test
    void theIndexIsThePageLoadingItsScriptAsAModule() throws Exception {
        HttpResponse<String> page = get("/index");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script type=\"module\" src=\"/app.js\"></script>");
    }

    @Test
    void scriptsAndStylesAreServedFromTheStaticFolder() throws Exception {
        HttpResponse<String> script = get("/app.js");
        HttpResponse<String> style = get("/style.css");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/javascript"));
        assertThat(style.statusCode()).isEqualTo(200);
        assertThat(style.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/css"));
    }

    @Test
    void thePageLoadsNothingFromAnotherOrigin() throws Exception {
        for (String file : List.of("/index", "/app.js", "/style.css")) {
            assertThat(get(file).body()).as(file).doesNotContain("http://", "https://", "//cdn");
        }
    }

    @Test
    void houseIsTheOnlyServerOnTheClasspath() {
        ClassLoader loader = getClass().getClassLoader();
        for (String server : List.of("org.apache.catalina.startup.Tomcat", "reactor.netty.http.server.HttpServer",
                "org.eclipse.jetty.server.Server", "io.undertow.Undertow")) {
            assertThat(ClassUtils.isPresent(server, loader)).as(server).isFalse();
        }
    }

    private SseLines subscribe(String room) throws Exception {
        SseLines lines = SseLines.open(client, uri("/source?room=" + URLEncoder.encode(room, StandardCharsets.UTF_8)));
        assertThat(lines.response().statusCode()).isEqualTo(200);
        assertThat(lines.response().headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        return lines;
    }

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri("/send-message")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
