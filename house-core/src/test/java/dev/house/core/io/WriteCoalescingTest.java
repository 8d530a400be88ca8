package dev.house.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Response;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Write coalescing in memory: what a stream sends during one loop pass reaches the socket in one
 * write at the end of the pass, framed and in order, and nothing sent is held past its pass.
 */
class WriteCoalescingTest {
    private final AtomicReference<ResponseStream> stream = new AtomicReference<>();
    private EmbeddedConnection connection;

    @BeforeEach
    void openStream() {
        connection = EmbeddedConnection.http1(Router.builder()
                .route(HttpMethod.GET, "/stream", r -> Response.stream("text/plain", stream::set), Execution.EVENT_LOOP)
                .build());
        String head = connection.writeInbound("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n").readOutbound();
        assertThat(head).startsWith("HTTP/1.1 200").contains("Transfer-Encoding: chunked");
        assertThat(stream.get()).isNotNull();
    }

    @Test
    void chunksSentInOnePassLeaveInOneWriteFramedInOrder() {
        int before = connection.writes();
        for (int i = 0; i < 5; i++) {
            stream.get().send(StreamChunk.of("event " + i + "\n")); // this thread is the loop: one pass
        }
        assertThat(connection.writes()).as("nothing written before the pass ends").isEqualTo(before);

        String out = connection.readOutbound();

        assertThat(connection.writes() - before).as("writes for 5 chunks sent in one pass").isEqualTo(1);
        assertThat(out).isEqualTo("8\r\nevent 0\n\r\n8\r\nevent 1\n\r\n8\r\nevent 2\n\r\n8\r\nevent 3\n\r\n8\r\nevent 4\n\r\n");
    }

    @Test
    void aChunkSentAloneIsWrittenWhenItsPassEnds() {
        int before = connection.writes();
        stream.get().send(StreamChunk.of("alone"));

        connection.runPendingTasks(); // nothing else happens: the pass just ends

        assertThat(connection.writes() - before).isEqualTo(1);
        assertThat(connection.readOutbound()).isEqualTo("5\r\nalone\r\n");
    }

    @Test
    void chunksSentBeforeTheStreamEndsInTheSamePassComeBeforeTheLastChunk() {
        stream.get().send(StreamChunk.of("one"));
        stream.get().send(StreamChunk.of("two"));
        stream.get().close();

        assertThat(connection.readOutbound()).isEqualTo("3\r\none\r\n3\r\ntwo\r\n0\r\n\r\n");
        assertThat(connection.outputShutdown()).isTrue();
    }

    @Test
    void moreThanOneBufferOfChunksInOnePassIsWrittenWholeInOrder() {
        String payload = "x".repeat(999) + "\n";
        StringBuilder expected = new StringBuilder();
        int before = connection.writes();
        for (int i = 0; i < 100; i++) { // ~100 KB: more than one direct buffer (64 KiB) holds
            String chunk = i + payload;
            stream.get().send(StreamChunk.of(chunk));
            expected.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }

        String out = connection.readOutbound();

        assertThat(out).isEqualTo(expected.toString());
        assertThat(connection.writes() - before).as("one write per 64 KiB, the rest at the pass end").isLessThanOrEqualTo(2);
    }
}
