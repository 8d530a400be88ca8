package dev.house.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Response;
import dev.house.core.testing.CapturedLogs;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.RawHttpClient.HttpResponse;
import dev.house.core.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ErrorHandlingTest {
    private HouseServer server;

    @BeforeEach
    void start() {
        server = TestServers.start(Router.builder()
                .get("/hello", r -> Response.text("Hello, world"))
                .get("/boom", r -> {
                    throw new IllegalStateException("secret internal detail");
                })
                .route(HttpMethod.GET, "/boom-on-loop", r -> {
                    throw new IllegalStateException("secret internal detail");
                }, Execution.EVENT_LOOP)
                .get("/teapot", r -> {
                    throw new HttpException(HttpStatus.of(418), "I am a teapot");
                })
                .get("/bad-header", r -> Response.text("x").header("X-Evil", "a\r\nSet-Cookie: stolen=1"))
                .build());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void handlerExceptionGives500WithoutDetailsAndKeepsTheConnection() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.get("/boom").read();
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.bodyText()).contains("Internal Server Error (request ").doesNotContain("secret")
                    .doesNotContain("Exception");
            assertThat(client.get("/hello").read().status()).isEqualTo(200);
        }
    }

    @Test
    void handlerExceptionIsLoggedOnceWithTheRequestIdTheClientWasGiven() throws Exception {
        try (CapturedLogs logs = CapturedLogs.atLeast(Level.WARN); RawHttpClient client = new RawHttpClient(server.port())) {
            String body = client.get("/boom").read().bodyText();
            java.util.regex.Matcher id = java.util.regex.Pattern.compile("\\(request (\\d+)\\)").matcher(body);
            assertThat(id.find()).as("request id in %s", body).isTrue();
            assertThat(client.get("/hello").read().status()).isEqualTo(200);
            dev.house.core.testing.Await.until(() -> !logs.events().isEmpty(), "the failure logged");
            assertThat(logs.events()).singleElement().satisfies(e -> {
                assertThat(e.getLevel()).isEqualTo(Level.ERROR);
                assertThat(e.getFormattedMessage()).contains("request " + id.group(1) + " ");
                assertThat(e.getThrowableProxy().getMessage()).isEqualTo("secret internal detail");
            });
        }
    }

    @Test
    void eventLoopHandlerExceptionGives500() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.get("/boom-on-loop").read().status()).isEqualTo(500);
            assertThat(client.get("/hello").read().status()).isEqualTo(200);
        }
    }

    @Test
    void httpExceptionSetsStatusAndMessage() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.get("/teapot").read();
            assertThat(response.status()).isEqualTo(418);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.bodyText()).contains("\"status\":418,\"detail\":\"I am a teapot\"");
        }
    }

    @Test
    void headerInjectionByAHandlerBecomes500() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.get("/bad-header").read();
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void malformedRequestGetsReadable400EvenWithMoreInputBehindIt() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            // the junk after the bad request must not make the server reset the connection
            client.send("GET /hello HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n" + "junk".repeat(20_000));
            HttpResponse response = client.read();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void unknownMethodGets501() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.send("BREW /hello HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(501);
        }
    }

    @Test
    void unsupportedMajorVersionGets505() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.send("GET /hello HTTP/2.0\r\nHost: x\r\n\r\n").read().status()).isEqualTo(505);
        }
    }

    @Test
    void knownMethodNotRoutedForThePathGets405WithAllow() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(405);
            assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
        }
    }

    @Test
    void unknownPathGets404() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.get("/nothing-here").read().status()).isEqualTo(404);
        }
    }

    @Test
    void pathEscapingTheRootGets400() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.get("/a/%2e%2e/%2e%2e/etc/passwd").read().status()).isEqualTo(400);
        }
    }
}
