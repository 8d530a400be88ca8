package dev.house.core.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpLimits;
import dev.house.core.http.Request;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Feeds bytes to a {@link RequestParser} the way a connection does (parse, reset after COMPLETE,
 * stop at ERROR) in three ways: all at once, split in two at every offset, and in random-sized
 * pieces from fixed seeds. {@link #allWays} checks the three agree, since a parser whose answer
 * depends on where TCP split the stream is broken.
 */
final class ParserFeeding {
    private static final long[] SEEDS = {1, 42, 1234567};

    private ParserFeeding() {
    }

    /** What the parser produced for one way of feeding. */
    static final class Outcome {
        /** HEAD, COMPLETE, ERROR nnn and finally NEED_MORE if a request was left unfinished. */
        final List<String> events = new ArrayList<>();
        final List<RequestHead> heads = new ArrayList<>();
        final List<Request> requests = new ArrayList<>();
        /** Whether {@code head().expectContinue()} for each HEAD. */
        final List<Boolean> continues = new ArrayList<>();
        HttpError error;
        /** Bytes left in the last buffer after the final result (only after ERROR can there be any). */
        int leftover;
        RequestParser parser;

        Request request() {
            assertThat(requests).as("events %s", events).hasSize(1);
            return requests.get(0);
        }

        RequestHead head() {
            assertThat(heads).as("events %s", events).isNotEmpty();
            return heads.get(0);
        }

        HttpError error() {
            assertThat(error).as("events %s", events).isNotNull();
            return error;
        }

        /** A comparable trace including each request's content, so modes can be checked equal. */
        List<String> trace() {
            List<String> trace = new ArrayList<>(events);
            for (Request r : requests) {
                trace.add(r + " " + r.headers() + " " + new String(r.body(), StandardCharsets.ISO_8859_1));
            }
            if (error != null) {
                trace.add(error.message());
            }
            return trace;
        }
    }

    static Outcome whole(HttpLimits limits, byte[] input) {
        return feed(limits, List.of(input));
    }

    static Outcome splitAt(HttpLimits limits, byte[] input, int at) {
        return feed(limits, List.of(Arrays.copyOfRange(input, 0, at), Arrays.copyOfRange(input, at, input.length)));
    }

    static Outcome randomPieces(HttpLimits limits, byte[] input, long seed) {
        Random random = new Random(seed);
        List<byte[]> pieces = new ArrayList<>();
        int at = 0;
        while (at < input.length) {
            int n = Math.min(input.length - at, 1 + random.nextInt(random.nextBoolean() ? 4 : 40));
            pieces.add(Arrays.copyOfRange(input, at, at + n));
            at += n;
        }
        return feed(limits, pieces);
    }

    /** Parses {@code input} whole, split at every offset and in random pieces; all must agree. */
    static Outcome allWays(HttpLimits limits, byte[] input) {
        Outcome whole = whole(limits, input);
        List<String> expected = whole.trace();
        for (int at = 0; at <= input.length; at++) {
            assertThat(splitAt(limits, input, at).trace()).as("split at offset %d", at).isEqualTo(expected);
        }
        for (long seed : SEEDS) {
            assertThat(randomPieces(limits, input, seed).trace()).as("random pieces, seed %d", seed)
                    .isEqualTo(expected);
        }
        return whole;
    }

    static Outcome allWays(HttpLimits limits, String input) {
        return allWays(limits, input.getBytes(StandardCharsets.ISO_8859_1));
    }

    static Outcome allWays(String input) {
        return allWays(HttpLimits.defaults(), input);
    }

    static Outcome feed(HttpLimits limits, List<byte[]> pieces) {
        RequestParser parser = new RequestParser(limits);
        Outcome out = new Outcome();
        out.parser = parser;
        RequestParser.Result last = RequestParser.Result.NEED_MORE;
        int guard = 0;
        for (byte[] piece : pieces) {
            ByteBuffer buf = ByteBuffer.wrap(piece);
            while (true) {
                assertThat(++guard).as("parser made no progress").isLessThan(100_000);
                last = parser.parse(buf);
                if (last == RequestParser.Result.NEED_MORE) {
                    assertThat(buf.hasRemaining()).as("NEED_MORE left bytes unconsumed").isFalse();
                    break;
                }
                if (last == RequestParser.Result.HEAD) {
                    out.events.add("HEAD");
                    out.heads.add(parser.head());
                    out.continues.add(parser.head().expectContinue());
                } else if (last == RequestParser.Result.COMPLETE) {
                    out.events.add("COMPLETE");
                    out.requests.add(parser.request());
                    parser.reset();
                } else {
                    out.error = parser.error();
                    out.events.add("ERROR " + out.error.status().code());
                    out.leftover = buf.remaining();
                    return out;
                }
            }
        }
        if (parser.inProgress()) {
            out.events.add("NEED_MORE");
        }
        return out;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
