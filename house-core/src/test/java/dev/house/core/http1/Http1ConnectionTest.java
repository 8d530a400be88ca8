package dev.house.core.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Response;
import dev.house.core.http.StreamChunk;
import dev.house.core.io.Connection;
import dev.house.core.io.EmbeddedConnection;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 connection behaviour, driven in memory through {@link EmbeddedConnection}: the bytes a
 * client sends in, the bytes the server answers, no socket.
 */
class Http1ConnectionTest {
    private static final Router ROUTER = Router.builder()
            .route(HttpMethod.GET, "/echo", r -> Response.text("n=" + r.queryParameter("n")), Execution.EVENT_LOOP)
            .get("/worker", r -> Response.text("n=" + r.queryParameter("n"))) // runs on a worker
            .post("/body", r -> Response.text("got " + r.body().length))
            .get("/stream", r -> Response.stream("text/plain", stream -> {
                stream.send(StreamChunk.of("hello"));
                stream.send(StreamChunk.of("x".repeat(20)));
                stream.close();
            }))
            .build();

    private static String get(String target) {
        return "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    private static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    @Test
    void pipelinedRequestsAreAnsweredInRequestOrder() {
        EmbeddedConnection connection = EmbeddedConnection.http1(ROUTER);

        String out = connection.writeInbound(get("/echo?n=1") + get("/worker?n=2") + get("/echo?n=3")).readOutbound();

        assertThat(out.split("HTTP/1.1 200 OK")).hasSize(4);
        assertThat(out.indexOf("n=1")).isLessThan(out.indexOf("n=2"));
        assertThat(out.indexOf("n=2")).isLessThan(out.indexOf("n=3"));
        assertThat(connection.isOpen()).isTrue();
    }

    @Test
    void keepAliveConnectionAnswersOneRequestAfterAnother() {
        EmbeddedConnection connection = EmbeddedConnection.http1(ROUTER);

        String first = connection.writeInbound(get("/echo?n=1")).readOutbound();
        String second = connection.writeInbound(get("/echo?n=2")).readOutbound();

        assertThat(first).startsWith("HTTP/1.1 200 OK\r\n").doesNotContain("Connection: close").endsWith("n=1");
        assertThat(second).startsWith("HTTP/1.1 200 OK\r\n").endsWith("n=2");
        assertThat(connection.phase()).isEqualTo(Connection.Phase.OPEN);
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() {
        EmbeddedConnection connection = EmbeddedConnection.http1(ROUTER);

        String interim = connection.writeInbound("POST /body HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                + "Expect: 100-continue\r\n\r\n").readOutbound();
        String fin = connection.writeInbound("hello").readOutbound();

        assertThat(interim).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        assertThat(fin).startsWith("HTTP/1.1 200 OK\r\n").endsWith("got 5");
    }

    @Test
    void streamIsFramedAsChunksAndEndsWithTheLastChunk() {
        EmbeddedConnection connection = EmbeddedConnection.http1(ROUTER);

        String out = connection.writeInbound(get("/stream")).readOutbound();

        assertThat(out).startsWith("HTTP/1.1 200 OK\r\n").contains("Transfer-Encoding: chunked\r\n");
        assertThat(body(out)).isEqualTo("5\r\nhello\r\n14\r\n" + "x".repeat(20) + "\r\n0\r\n\r\n");
        assertThat(connection.outputShutdown()).as("closed after the stream").isTrue();
    }

    @Test
    void streamToAnHttp10ClientIsCloseDelimited() {
        EmbeddedConnection connection = EmbeddedConnection.http1(ROUTER);

        String out = connection.writeInbound("GET /stream HTTP/1.0\r\n\r\n").readOutbound();

        assertThat(out).doesNotContain("Transfer-Encoding");
        assertThat(body(out)).isEqualTo("hello" + "x".repeat(20));
        assertThat(connection.outputShutdown()).isTrue();
    }

    @Test
    void malformedRequestGetsA400ThenALingeringClose() {
        EmbeddedConnection connection = EmbeddedConnection.http1(ROUTER);

        String out = connection.writeInbound("GET /echo HTTP/1.1\r\nHost: x\r\nNo colon here\r\n\r\n").readOutbound();

        assertThat(out).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n");
        assertThat(connection.outputShutdown()).isTrue();
        assertThat(connection.phase()).isEqualTo(Connection.Phase.LINGERING);
        assertThat(connection.writeInbound(get("/echo?n=9")).readOutbound()).as("input after the error is ignored").isEmpty();
        connection.endInbound();
        assertThat(connection.isOpen()).isFalse();
    }
}
