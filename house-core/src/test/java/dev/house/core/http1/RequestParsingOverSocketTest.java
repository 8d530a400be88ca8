package dev.house.core.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.HttpLimits;
import dev.house.core.http.Response;
import dev.house.core.testing.RawHttpClient.HttpResponse;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The parser's rules as a client sees them: a real server on loopback, raw bytes on a socket. */
class RequestParsingOverSocketTest {
    private HouseServer server;

    @BeforeEach
    void start() {
        server = TestServers.start(Router.builder()
                .get("/echo", r -> Response.text(r.path() + " " + r.queryParameter("q")))
                .post("/echo", r -> Response.text(r.path() + " " + r.bodyText()))
                .build(), b -> b.limits(HttpLimits.defaults().withMaxBodySize(100)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void receivesChunkedUploadWithExtensionsAndTrailers() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("/echo hello world");
        }
    }

    @Test
    void answersPipelinedRequestsSentOneByteAtATime() throws Exception {
        String requests = "GET /echo?q=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                + "GET /./echo?q=%C3%BC HTTP/1.1\r\nHost: x\r\n\r\n";
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            for (byte b : ParserFeeding.bytes(requests)) {
                client.send(new byte[] {b});
            }

            assertThat(client.read().bodyText()).isEqualTo("/echo 1");
            assertThat(client.read().bodyText()).isEqualTo("/echo abc");
            assertThat(client.read().bodyText()).isEqualTo("/echo ü");
        }
    }

    @Test
    void refusesSmugglingAttemptAndCloses() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /echo?q=smuggled HTTP/1.1\r\nHost: x\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.bodyText()).contains("Content-Length must not be sent with Transfer-Encoding");
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void answers413WithoutContinueWhenTheDeclaredBodyIsTooLarge() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                    + "Content-Length: 101\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(413);
        }
    }

    @Test
    void sendsContinueThenTheResponseForAnAcceptableBody() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");

            assertThat(client.read().status()).isEqualTo(100);
            assertThat(client.send("ok").read().bodyText()).isEqualTo("/echo ok");
        }
    }

    @Test
    void doesNotEchoTheOffendingInputInAnErrorReply() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            HttpResponse response = client.send("GET /<script>alert(1)</script>%zz HTTP/1.1\r\nHost: x\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.bodyText()).doesNotContain("script");
        }
    }
}
