package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Feeds bytes to a {@link FrameReader} whole, split in two at every offset and in random pieces,
 * recording each frame as a line of text; {@link #allWays} checks every way gives the same trace,
 * since a reader whose answer depends on where TCP split the stream is broken. A stream error is
 * recorded and reading goes on; a connection error ends the trace.
 */
final class FrameFeeding {
    private static final long[] SEEDS = {1, 42, 1234567};

    private FrameFeeding() {
    }

    static List<String> allWays(int maxFrameSize, byte[] input) {
        List<String> whole = feed(maxFrameSize, List.of(input));
        for (int at = 0; at <= input.length; at++) {
            List<byte[]> halves = List.of(Arrays.copyOfRange(input, 0, at), Arrays.copyOfRange(input, at, input.length));
            assertThat(feed(maxFrameSize, halves)).as("split at %d", at).isEqualTo(whole);
        }
        for (long seed : SEEDS) {
            assertThat(feed(maxFrameSize, randomPieces(input, seed))).as("random pieces, seed %d", seed).isEqualTo(whole);
        }
        return whole;
    }

    static List<byte[]> randomPieces(byte[] input, long seed) {
        Random random = new Random(seed);
        List<byte[]> pieces = new ArrayList<>();
        int at = 0;
        while (at < input.length) {
            int n = Math.min(input.length - at, 1 + random.nextInt(random.nextBoolean() ? 4 : 40));
            pieces.add(Arrays.copyOfRange(input, at, at + n));
            at += n;
        }
        return pieces;
    }

    static List<String> feed(int maxFrameSize, List<byte[]> pieces) {
        FrameReader reader = new FrameReader(maxFrameSize);
        Recorder recorder = new Recorder();
        for (byte[] piece : pieces) {
            // A direct buffer, so payload slices of heap arrays are not the only path tested.
            ByteBuffer buf = ByteBuffer.allocateDirect(piece.length).put(piece).flip();
            while (true) {
                try {
                    reader.read(buf, recorder);
                    break;
                } catch (Http2Exception e) {
                    recorder.trace.add(e.toString());
                    if (e.scope() == Http2Exception.Scope.CONNECTION) {
                        return recorder.trace;
                    }
                }
            }
        }
        if (!reader.atFrameBoundary()) {
            recorder.trace.add("PARTIAL");
        }
        return recorder.trace;
    }

    static String text(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Writes every frame as a line. */
    static class Recorder implements FrameReader.Listener {
        final List<String> trace = new ArrayList<>();

        @Override
        public void data(int streamId, ByteBuffer data, int flowLength, boolean endStream) {
            trace.add("DATA " + streamId + " '" + text(data) + "' flow=" + flowLength + (endStream ? " END_STREAM" : ""));
        }

        @Override
        public void headers(int streamId, ByteBuffer fragment, boolean endStream, boolean endHeaders, int dependency) {
            trace.add("HEADERS " + streamId + " '" + text(fragment) + "'" + (endStream ? " END_STREAM" : "")
                    + (endHeaders ? " END_HEADERS" : "") + (dependency >= 0 ? " dep=" + dependency : ""));
        }

        @Override
        public void priority(int streamId, int dependency, boolean exclusive, int weight) {
            trace.add("PRIORITY " + streamId + " dep=" + dependency + (exclusive ? " exclusive" : "") + " weight=" + weight);
        }

        @Override
        public void rstStream(int streamId, long errorCode) {
            trace.add("RST_STREAM " + streamId + " " + errorCode);
        }

        @Override
        public void settings(boolean ack, Http2Settings settings) {
            trace.add("SETTINGS " + (ack ? "ACK " : "") + settings);
        }

        @Override
        public void ping(boolean ack, long data) {
            trace.add("PING " + (ack ? "ACK " : "") + data);
        }

        @Override
        public void goAway(int lastStreamId, long errorCode, ByteBuffer debugData) {
            trace.add("GOAWAY " + lastStreamId + " " + errorCode + " '" + text(debugData) + "'");
        }

        @Override
        public void windowUpdate(int streamId, int increment) {
            trace.add("WINDOW_UPDATE " + streamId + " " + increment);
        }

        @Override
        public void continuation(int streamId, ByteBuffer fragment, boolean endHeaders) {
            trace.add("CONTINUATION " + streamId + " '" + text(fragment) + "'" + (endHeaders ? " END_HEADERS" : ""));
        }

        @Override
        public void unknown(int type, int streamId, int length) {
            trace.add("UNKNOWN type=" + type + " " + streamId + " length=" + length);
        }
    }
}
