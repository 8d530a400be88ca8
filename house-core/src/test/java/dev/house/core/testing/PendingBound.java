package dev.house.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpVersion;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.io.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Proves where a stream's slow-consumer bound sits, exactly: on the stream's event loop, where
 * {@link ResponseStream#pendingBytes()} is exact and nothing writes between two steps, it fills
 * the socket until output is pending after a loop pass (so the socket refused it), tops the pending bytes up to exactly the bound (the stream
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
        assertThat(stream.maxPendingBytes()).as("the configured bound is in force").isEqualTo(bound);
        CompletableFuture<Void> done = new CompletableFuture<>();
        // A timer starts a fresh pass: a task could still run in the pass that sent the stream's
        // first chunks, before the loop wrote them.
        EventLoop.of(stream.executor()).schedule(() -> fill(stream, bound, 0, done), 1, TimeUnit.NANOSECONDS);
        try {
            done.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError a) {
                throw a;
            }
            throw e;
        }
    }

    /**
     * Sends a few chunks per loop pass until output is pending at the start of a pass: the loop
     * writes what a pass sent when the pass ends (write coalescing), so only then does pending
     * mean bytes the socket refused rather than bytes not yet offered to it.
     */
    private static void fill(ResponseStream stream, long bound, int passes, CompletableFuture<Void> done) {
        try {
            if (stream.pendingBytes() > 0) {
                atTheBound(stream, bound);
                done.complete(null);
                return;
            }
            assertThat(passes).as("passes the socket took everything in").isLessThan(100_000);
            StreamChunk fill = StreamChunk.wrap(new byte[1024]);
            for (int i = 0; i < 16; i++) {
                assertThat(stream.send(fill)).isTrue();
            }
            // A timer, not a task: a task queued now would still run in this pass, before its writes.
            EventLoop.of(stream.executor()).schedule(() -> fill(stream, bound, passes + 1, done), 1, TimeUnit.NANOSECONDS);
        } catch (Throwable t) {
            done.completeExceptionally(t);
        }
    }

    private static void atTheBound(ResponseStream stream, long bound) {
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
