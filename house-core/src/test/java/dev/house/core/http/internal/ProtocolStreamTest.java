package dev.house.core.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.StreamChunk;
import dev.house.core.testing.TestLoops;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The part of a response stream every protocol shares: close callbacks, open flag, end. */
class ProtocolStreamTest {

    @Test
    void closeCallbacksRunOnceEachInTheOrderGivenWhenTheStreamEnds() {
        List<String> ran = new ArrayList<>();
        TestStream stream = new TestStream();
        stream.onClose(() -> ran.add("first"));
        stream.onClose(() -> ran.add("second"));
        stream.onClose(() -> ran.add("third"));

        stream.ended();
        stream.ended();

        assertThat(ran).containsExactly("first", "second", "third");
        assertThat(stream.isOpen()).isFalse();
    }

    @Test
    void aCallbackAddedAfterTheEndRunsAtOnceAndAFailingOneDoesNotStopTheOthers() {
        List<String> ran = new ArrayList<>();
        TestStream stream = new TestStream();
        stream.onClose(() -> {
            throw new IllegalStateException("boom");
        });
        stream.onClose(() -> ran.add("after the failing one"));
        stream.ended();
        stream.onClose(() -> ran.add("late"));

        assertThat(ran).containsExactly("after the failing one", "late");
    }

    @Test
    void closingEndsTheStreamOnceAndSendingAfterwardsIsRefused() {
        TestStream stream = new TestStream();
        assertThat(stream.send(StreamChunk.of("a"))).isTrue();

        stream.close();
        stream.close();

        assertThat(stream.ends).isEqualTo(1);
        assertThat(stream.send(StreamChunk.of("b"))).isFalse();
        assertThat(stream.writes).isEqualTo(1);
    }

    /** A stream on a loop that is always the caller's thread. */
    private static final class TestStream extends ProtocolStream {
        int writes;
        int ends;

        TestStream() {
            super(Request.builder(HttpMethod.GET, "/events").build(), new TestLoops.Inline(), 1024);
        }

        @Override
        protected boolean write(StreamChunk chunk) {
            writes++;
            return true;
        }

        @Override
        protected void end() {
            ends++;
        }

        @Override
        public long pendingBytes() {
            return 0;
        }
    }
}
