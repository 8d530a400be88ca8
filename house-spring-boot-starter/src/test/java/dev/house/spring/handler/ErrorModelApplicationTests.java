package dev.house.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error model of annotated handlers over real sockets: exception handlers (local and
 * {@link HouseAdvice}), {@link ResponseStatus} on exceptions, statuses and headers of successful
 * answers, and CORS on errors.
 */
@SpringBootTest(classes = ErrorModelApplicationTests.ErrorsApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "house.port=0", "house.event-loops=1", "house.cors.allowed-origins=http://app.example" })
class ErrorModelApplicationTests {

    private static final String APP = "http://app.example";
    private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final JsonMapper json = JsonMapper.builder().build();

    @Value("${local.house.port}")
    int port;

    @Test
    void aLocalExceptionHandlerAnswersWithItsProblem() throws Exception {
        HttpResponse<String> response = send("GET", "/rooms/full");
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("title").asString()).isEqualTo("Conflict");
        assertThat(problem.get("detail").asString()).isEqualTo("The room is full");
        assertThat(problem.get("capacity").asInt()).isEqualTo(12);
        assertThat(problem.get("instance").asString()).startsWith("urn:house:request:");
    }

    @Test
    void anAdviceExceptionHandlerAnswersForEveryRoute() throws Exception {
        HttpResponse<String> response = send("GET", "/rooms/missing");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).get("detail").asString()).isEqualTo("No such room");
    }

    @Test
    void theClosestExceptionTypeWins() throws Exception {
        HttpResponse<String> response = send("GET", "/rooms/locked");
        assertThat(response.statusCode()).isEqualTo(423);
    }

    @Test
    void aResponseStatusOnTheExceptionSetsTheProblem() throws Exception {
        HttpResponse<String> response = send("GET", "/rooms/closed");
        assertThat(response.statusCode()).isEqualTo(410);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json.readTree(response.body()).get("detail").asString()).isEqualTo("This room was closed");
    }

    @Test
    void aJsonRouteAnswersItsDeclaredStatus() throws Exception {
        HttpResponse<String> response = send("POST", "/rooms");
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json.readTree(response.body()).get("name").asString()).isEqualTo("new");
    }

    @Test
    void aReplySetsStatusAndHeaders() throws Exception {
        HttpResponse<String> response = send("GET", "/rooms/lobby");
        assertThat(response.statusCode()).isEqualTo(203);
        assertThat(response.headers().firstValue("ETag")).hasValue("\"v1\"");
        assertThat(json.readTree(response.body()).get("name").asString()).isEqualTo("lobby");
    }

    @Test
    void anUnexpectedFailureIs500ProblemWithCorsHeadersForAnAllowedOrigin() throws Exception {
        HttpResponse<String> response = client.send(request("GET", "/rooms/boom").header("Origin", APP).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        assertThat(response.body()).doesNotContain("secret");
    }

    @Test
    void aJsonPreflightIsApprovedByDefault() throws Exception {
        HttpResponse<String> response = client.send(request("OPTIONS", "/rooms").header("Origin", APP)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Content-Type");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return client.send(request(method, path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String method, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20))
                .method(method, HttpRequest.BodyPublishers.noBody());
    }

    static class RoomFullException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    static class LockedException extends NoSuchElementException {
        private static final long serialVersionUID = 1L;
    }

    @ResponseStatus(value = 410, reason = "This room was closed")
    static class RoomClosedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RoomClosedException() {
            super("internal detail not for clients");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class ErrorsApplication {
        @Bean
        RoomHandlers roomHandlers() {
            return new RoomHandlers();
        }

        @Bean
        RoomAdvice roomAdvice() {
            return new RoomAdvice();
        }
    }

    @HouseHandler
    static class RoomHandlers {
        @JsonRoute(path = "/rooms/full")
        public Map<String, String> full() {
            throw new RoomFullException();
        }

        @JsonRoute(path = "/rooms/missing")
        public Map<String, String> missing() {
            throw new NoSuchElementException("secret");
        }

        @JsonRoute(path = "/rooms/locked")
        public Map<String, String> locked() {
            throw new LockedException();
        }

        @JsonRoute(path = "/rooms/closed")
        public Map<String, String> closed() {
            throw new RoomClosedException();
        }

        @JsonRoute(path = "/rooms/boom")
        public Map<String, String> boom() {
            throw new IllegalStateException("secret");
        }

        @JsonRoute(method = HttpMethod.POST, path = "/rooms", status = 201)
        public Map<String, String> create() {
            return Map.of("name", "new");
        }

        @JsonRoute(path = "/rooms/lobby")
        public Reply<Map<String, String>> lobby() {
            return Reply.status(203).header("ETag", "\"v1\"").body(Map.of("name", "lobby"));
        }

        @ExceptionHandler
        public ProblemDetail full(RoomFullException ex) {
            return ProblemDetail.forStatusAndDetail(409, "The room is full").property("capacity", 12);
        }
    }

    @HouseAdvice
    static class RoomAdvice {
        @ExceptionHandler(NoSuchElementException.class)
        public ProblemDetail missing() {
            return ProblemDetail.forStatusAndDetail(404, "No such room");
        }

        @ExceptionHandler
        @ResponseStatus(423)
        public Map<String, String> locked(LockedException ex) {
            return Map.of("locked", "yes");
        }
    }
}
