package dev.house.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpVersion;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Proves where a stream's slow-consumer bound sits, exactly: on the stream's event loop, where
 * {@link ResponseStream#pendingBytes()} is exact and nothing writes between two steps, it fills
 * the socket until output is pending, tops the pending bytes up to exactly the bound (the stream
 * must stay open), then sends one byte more than fits on what is pending then (the stream must
 * be cut). The client must
 * not read, and the stream must be close-delimited (an HTTP/1.0 request), so a chunk's bytes on
 * the wire are its bytes.
 */
public final class PendingBound {
    private PendingBound() {
    }

    /** Asserts that {@code stream} stays open with exactly {@code bound} bytes pending and is cut one byte past it. */
    public static void assertOpenAtBoundAndCutOnePast(ResponseStream stream, long bound) throws Exception {
        assertThat(stream.request().version()).as("close-delimited stream").isEqualTo(HttpVersion.HTTP_1_0);
        CompletableFuture<Void> done = new CompletableFuture<>();
        stream.executor().execute(() -> {
            try {
                onTheLoop(stream, bound);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw e;
        }
    }

    private static void onTheLoop(ResponseStream stream, long bound) {
        assertThat(stream.maxPendingBytes()).as("the configured bound is in force").isEqualTo(bound);
        StreamChunk fill = StreamChunk.wrap(new byte[1024]);
        for (int i = 0; stream.pendingBytes() == 0; i++) {
            assertThat(i).as("chunks the socket took without output pending").isLessThan(1_000_000);
            assertThat(stream.send(fill)).isTrue();
        }
        long pending = stream.pendingBytes();
        assertThat(pending).as("pending after filling the socket").isBetween(1L, bound);

        // Exactly the bound pending when the check runs; the socket may take some of it afterwards.
        stream.send(StreamChunk.wrap(new byte[(int) (bound - pending)]));
        assertThat(stream.isOpen()).as("open with %d bytes pending, the bound", bound).isTrue();

        // One byte more than fits on top of whatever is pending now.
        long over = bound - stream.pendingBytes() + 1;
        stream.send(StreamChunk.wrap(new byte[(int) over]));
        assertThat(stream.isOpen()).as("open one byte past the bound").isFalse();
    }
}
