package dev.house.core.http2;

import dev.house.core.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A frame-level HTTP/2 client for driving an in-memory {@link Http2Connection}: it writes any
 * frame (valid or not), feeds the bytes to the connection, and reads back what the server wrote
 * as text lines, with response header blocks HPACK-decoded. The server's handler is a
 * {@link Recording} that logs events and, unless holding, answers each complete request with
 * {@code 200} and {@code ok:<body>}.
 */
final class H2TestClient {
    final Recording handler = new Recording();
    final Http2Connection connection;
    long nanos;
    private final HpackEncoder encoder = new HpackEncoder(4096, false, HpackEncoder.NONE);
    private final HpackDecoder responseDecoder = new HpackDecoder(4096, Integer.MAX_VALUE);
    private final FrameReader reader = new FrameReader(Http2Settings.MAX_MAX_FRAME_SIZE);
    private final ByteSink pending = new ByteSink(256);
    private final ServerFrames serverFrames = new ServerFrames();
    private final List<String> responseBlock = new ArrayList<>();
    private String responseBlockStart;

    H2TestClient(Http2Config config) {
        connection = new Http2Connection(config, handler, () -> nanos);
        handler.connection = connection;
    }

    static H2TestClient connected(Http2Config config) {
        H2TestClient client = new H2TestClient(config);
        client.preface().settings().exchange();
        return client;
    }

    H2TestClient preface() {
        pending.put(Http2Connection.PREFACE, 0, Http2Connection.PREFACE.length);
        return this;
    }

    H2TestClient settings(long... idValuePairs) {
        Http2Settings s = new Http2Settings();
        for (int i = 0; i < idValuePairs.length; i += 2) {
            s.set((int) idValuePairs[i], idValuePairs[i + 1]);
        }
        FrameWriter.settings(pending, s);
        return this;
    }

    /** A complete header block: HEADERS with END_HEADERS. Fields as "name: value". */
    H2TestClient headers(int streamId, boolean endStream, String... fields) {
        byte[] block = block(fields);
        FrameWriter.headers(pending, streamId, block, block.length, endStream, 1 << 20);
        return this;
    }

    /** A GET of {@code path} with END_STREAM. */
    H2TestClient get(int streamId, String path) {
        return headers(streamId, true, ":method: GET", ":scheme: https", ":path: " + path, ":authority: example.com");
    }

    /** A POST of {@code path} whose body follows. */
    H2TestClient post(int streamId, String path, String... extra) {
        String[] fields = new String[4 + extra.length];
        fields[0] = ":method: POST";
        fields[1] = ":scheme: https";
        fields[2] = ":path: " + path;
        fields[3] = ":authority: example.com";
        System.arraycopy(extra, 0, fields, 4, extra.length);
        return headers(streamId, false, fields);
    }

    byte[] block(String... fields) {
        ByteSink out = new ByteSink(64);
        encoder.beginBlock(out);
        for (String f : fields) {
            int colon = f.indexOf(": ", 1);
            encoder.encode(f.substring(0, colon), f.substring(colon + 2), false, out);
        }
        return out.drain();
    }

    H2TestClient data(int streamId, String text, boolean endStream) {
        FrameWriter.data(pending, streamId, ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)), endStream);
        return this;
    }

    H2TestClient raw(int type, int flags, int streamId, byte[] payload) {
        FrameWriter.frame(pending, type, flags, streamId, payload);
        return this;
    }

    H2TestClient raw(int type, int flags, int streamId, String hexPayload) {
        return raw(type, flags, streamId, HexFormat.of().parseHex(hexPayload.replace(" ", "")));
    }

    H2TestClient rst(int streamId, Http2Error error) {
        FrameWriter.rstStream(pending, streamId, error);
        return this;
    }

    H2TestClient ping(long data) {
        FrameWriter.ping(pending, false, data);
        return this;
    }

    H2TestClient windowUpdate(int streamId, int increment) {
        FrameWriter.windowUpdate(pending, streamId, increment);
        return this;
    }

    H2TestClient bytes(byte[] b) {
        pending.put(b, 0, b.length);
        return this;
    }

    /** The bytes written so far and not yet sent (to feed them in other ways). */
    byte[] takePending() {
        return pending.drain();
    }

    /** Feeds everything written so far to the connection; returns the server's frames since last time. */
    List<String> exchange() {
        byte[] input = pending.drain();
        connection.receive(ByteBuffer.wrap(input));
        return serverFrames();
    }

    /** Feeds {@code input} in the given pieces; returns the server's frames. */
    List<String> feed(List<byte[]> pieces) {
        for (byte[] piece : pieces) {
            connection.receive(ByteBuffer.wrap(piece));
        }
        return serverFrames();
    }

    List<String> serverFrames() {
        reader.read(ByteBuffer.wrap(connection.drain()), serverFrames);
        List<String> copy = new ArrayList<>(serverFrames.trace);
        serverFrames.trace.clear();
        return copy;
    }

    private final class ServerFrames extends FrameFeeding.Recorder {
        @Override
        public void headers(int streamId, ByteBuffer fragment, boolean endStream, boolean endHeaders, int dependency) {
            responseBlock.clear();
            responseBlockStart = "HEADERS " + streamId + (endStream ? " END_STREAM" : "");
            collect(fragment, endHeaders);
        }

        @Override
        public void continuation(int streamId, ByteBuffer fragment, boolean endHeaders) {
            collect(fragment, endHeaders);
        }

        private final ByteSink block = new ByteSink(64);

        private void collect(ByteBuffer fragment, boolean endHeaders) {
            block.put(fragment);
            if (endHeaders) {
                List<String> fields = new ArrayList<>();
                responseDecoder.decode(ByteBuffer.wrap(block.drain()), (n, v) -> fields.add(n + "=" + v));
                trace.add(responseBlockStart + " " + fields);
            }
        }

        @Override
        public void data(int streamId, ByteBuffer data, int flowLength, boolean endStream) {
            trace.add("DATA " + streamId + " '" + FrameFeeding.text(data) + "'" + (endStream ? " END_STREAM" : ""));
        }

        @Override
        public void settings(boolean ack, Http2Settings settings) {
            trace.add("SETTINGS " + (ack ? "ACK" : settings.toString()));
        }

        @Override
        public void rstStream(int streamId, long errorCode) {
            trace.add("RST_STREAM " + streamId + " " + Http2Error.of(errorCode));
        }

        @Override
        public void goAway(int lastStreamId, long errorCode, ByteBuffer debugData) {
            trace.add("GOAWAY " + lastStreamId + " " + Http2Error.of(errorCode) + " '" + FrameFeeding.text(debugData) + "'");
        }
    }

    /** Logs handler events; answers complete requests with 200 ok:body unless {@link #hold}. */
    static final class Recording implements Http2Handler {
        final List<String> events = new ArrayList<>();
        Http2Connection connection;
        boolean hold;
        /** A response body to send instead of ok:body. */
        String responseBody;
        private final java.util.Map<Integer, StringBuilder> bodies = new java.util.HashMap<>();
        final java.util.Map<Integer, Http2Request> requests = new java.util.HashMap<>();

        @Override
        public void request(int streamId, Http2Request request, boolean endStream) {
            events.add("request " + streamId + " " + request.method() + " " + request.path() + (endStream ? " END" : ""));
            requests.put(streamId, request);
            bodies.put(streamId, new StringBuilder());
            if (endStream) {
                answer(streamId);
            }
        }

        @Override
        public void data(int streamId, ByteBuffer data, boolean endStream) {
            String text = FrameFeeding.text(data);
            bodies.get(streamId).append(text);
            if (endStream) {
                events.add("body " + streamId + " '" + bodies.get(streamId) + "'");
                answer(streamId);
            }
        }

        void answer(int streamId) {
            if (hold) {
                return;
            }
            HttpHeaders headers = new HttpHeaders().add("Content-Type", "text/plain");
            connection.respond(streamId, 200, headers, false);
            String body = responseBody != null ? responseBody : "ok:" + bodies.get(streamId);
            connection.send(streamId, ByteBuffer.wrap(body.getBytes(StandardCharsets.ISO_8859_1)), true);
        }

        @Override
        public void closed(int streamId, Http2Error reason) {
            events.add("closed " + streamId + " " + reason);
        }

        @Override
        public void writable(int streamId) {
            events.add("writable " + streamId);
        }

        @Override
        public void streamError(int streamId, Http2Error error, String message) {
            events.add("streamError " + streamId + " " + error + ": " + message);
        }

        @Override
        public void connectionError(Http2Error error, String message) {
            events.add("connectionError " + error + ": " + message);
        }
    }

    static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
