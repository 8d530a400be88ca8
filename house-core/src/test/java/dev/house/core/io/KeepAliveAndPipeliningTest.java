package dev.house.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Response;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.RawHttpClient.HttpResponse;
import dev.house.core.testing.TestServers;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveAndPipeliningTest {
    private HouseServer server;

    @BeforeEach
    void start() {
        server = TestServers.start(Router.builder()
                .get("/hello", r -> Response.text("Hello, world"))
                .route(HttpMethod.GET, "/echo", r -> Response.text(r.queryParameter("n")), Execution.EVENT_LOOP)
                .get("/slow-echo", r -> {
                    // a worker handler whose replies must still come back in request order
                    Thread.onSpinWait();
                    return Response.text(r.queryParameter("n"));
                })
                .post("/body", r -> Response.text("got " + r.body().length))
                .get("/unicode", r -> Response.text("héllo ✓"))
                .build());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void servesSeveralRequestsOnOneKeepAliveConnection() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            for (int i = 0; i < 3; i++) {
                HttpResponse response = client.get("/hello").read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.bodyText()).isEqualTo("Hello, world");
                assertThat(response.header("Connection")).isNull();
            }
        }
    }

    @Test
    void answersFiftyPipelinedRequestsInOrder() throws Exception {
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            String path = i % 2 == 0 ? "/echo" : "/slow-echo";
            requests.append("GET ").append(path).append("?n=").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.send(requests.toString());
            for (int i = 0; i < 50; i++) {
                assertThat(client.read().bodyText()).isEqualTo(Integer.toString(i));
            }
        }
    }

    @Test
    void pipelinedRequestsWithBodiesAreFramedCorrectly() throws Exception {
        String post = "POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nabcde";
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.send(post + post + "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(client.read().bodyText()).isEqualTo("got 5");
            assertThat(client.read().bodyText()).isEqualTo("got 5");
            assertThat(client.read().bodyText()).isEqualTo("Hello, world");
        }
    }

    @Test
    void requestsSplitAcrossManyWritesAreAssembled() throws Exception {
        byte[] request = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            for (byte b : request) {
                client.send(new byte[] {b});
            }
            assertThat(client.read().bodyText()).isEqualTo("Hello, world");
        }
    }

    @Test
    void connectionCloseIsHonouredAndAnnounced() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void http10ClosesUnlessKeepAliveIsAsked() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("GET /hello HTTP/1.0\r\n\r\n").read();
            assertThat(response.status()).isEqualTo(200);
            assertThat(client.isClosedByServer()).isTrue();
        }
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse first = client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertThat(first.header("Connection")).isEqualTo("keep-alive");
            assertThat(client.send("GET /hello HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read().status())
                    .isEqualTo(200);
        }
    }

    @Test
    void headIsAnsweredWithHeadersOnly() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse head = client.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
            assertThat(head.header("Content-Length")).isEqualTo("12");
            // the next response starts right away: no body bytes were sent for HEAD
            assertThat(client.get("/hello").read().bodyText()).isEqualTo("Hello, world");
        }
    }

    @Test
    void contentLengthCountsUtf8Bytes() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.get("/unicode").read();
            assertThat(response.header("Content-Length")).isEqualTo("10");
            assertThat(response.bodyText()).isEqualTo("héllo ✓");
            assertThat(response.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        }
    }

    @Test
    void everyResponseCarriesADate() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.get("/hello").read().header("Date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        }
    }

    @Test
    void answersARequestSentBeforeTheClientHalfCloses() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /echo?n=2 HTTP/1.1\r\nHost: x\r\n\r\n");
            client.shutdownOutput();
            assertThat(client.read().bodyText()).isEqualTo("Hello, world");
            assertThat(client.read().bodyText()).isEqualTo("2");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void expectContinueGetsInterimResponseBeforeTheBody() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.send("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
            assertThat(client.readLine()).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(client.readLine()).isEmpty();
            client.send("xyz");
            assertThat(client.read().bodyText()).isEqualTo("got 3");
        }
    }
}
