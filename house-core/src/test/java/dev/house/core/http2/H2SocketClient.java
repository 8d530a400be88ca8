package dev.house.core.http2;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A frame-level HTTP/2 client over a real socket, for what the ready-made clients cannot do on
 * purpose: hold a stream's window closed while its siblings flow, reset one stream, open and
 * reset streams in a loop, or never acknowledge SETTINGS. A reader thread records every server
 * frame as a line ({@link #frames}) and each stream's DATA as text ({@link #text}); it acknowledges
 * the server's SETTINGS (unless told not to) and grants connection window for what it reads,
 * and stream window only to the streams in {@link #flowing}.
 */
final class H2SocketClient implements AutoCloseable {
    final Socket socket;
    private final OutputStream out;
    private final HpackEncoder encoder = new HpackEncoder(4096, false, HpackEncoder.NONE);
    private final HpackDecoder decoder = new HpackDecoder(4096, Integer.MAX_VALUE);
    final List<String> frames = new CopyOnWriteArrayList<>();
    private final Map<Integer, StringBuilder> data = new ConcurrentHashMap<>();
    final Set<Integer> flowing = ConcurrentHashMap.newKeySet();
    private final boolean acknowledgeSettings;
    volatile boolean closedByServer;
    private final Thread reader;

    /** Connects, sends the preface and a SETTINGS frame with {@code settings} (id, value pairs). */
    H2SocketClient(int port, long... settings) throws IOException {
        this(true, port, settings);
    }

    /** @param acknowledgeSettings false for a client that never acknowledges the server's SETTINGS */
    H2SocketClient(boolean acknowledgeSettings, int port, long... settings) throws IOException {
        this.acknowledgeSettings = acknowledgeSettings;
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        ByteSink sink = new ByteSink(64);
        sink.put(Http2Connection.PREFACE, 0, Http2Connection.PREFACE.length);
        Http2Settings s = new Http2Settings();
        for (int i = 0; i < settings.length; i += 2) {
            s.set((int) settings[i], settings[i + 1]);
        }
        FrameWriter.settings(sink, s);
        send(sink);
        reader = new Thread(this::readLoop, "h2-socket-client");
        reader.setDaemon(true);
        reader.start();
    }

    synchronized void send(ByteSink sink) throws IOException {
        out.write(sink.drain());
        out.flush();
    }

    /** A GET with END_STREAM; extra fields as "name: value". */
    void get(int streamId, String path, String... extra) throws IOException {
        request(streamId, "GET", path, true, extra);
    }

    /** A request head; with {@code endStream} false the body is still to come. */
    void request(int streamId, String method, String path, boolean endStream, String... extra) throws IOException {
        List<String> fields = new ArrayList<>(List.of(":method: " + method, ":scheme: http", ":path: " + path,
                ":authority: localhost"));
        fields.addAll(List.of(extra));
        ByteSink sink = new ByteSink(64);
        synchronized (this) {
            ByteSink block = new ByteSink(64);
            encoder.beginBlock(block);
            for (String f : fields) {
                int colon = f.indexOf(": ", 1);
                encoder.encode(f.substring(0, colon), f.substring(colon + 2), false, block);
            }
            byte[] bytes = block.drain();
            FrameWriter.headers(sink, streamId, bytes, bytes.length, endStream, 16_384);
            send(sink);
        }
    }

    void rst(int streamId, Http2Error error) throws IOException {
        ByteSink sink = new ByteSink(16);
        FrameWriter.rstStream(sink, streamId, error);
        send(sink);
    }

    void windowUpdate(int streamId, int increment) throws IOException {
        ByteSink sink = new ByteSink(16);
        FrameWriter.windowUpdate(sink, streamId, increment);
        send(sink);
    }

    /** The DATA received on a stream so far, as text. */
    String text(int streamId) {
        StringBuilder b = data.get(streamId);
        if (b == null) {
            return "";
        }
        synchronized (b) {
            return b.toString();
        }
    }

    boolean sawFrame(String prefix) {
        return frames.stream().anyMatch(f -> f.startsWith(prefix));
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    private void readLoop() {
        FrameReader frameReader = new FrameReader(Http2Settings.MAX_MAX_FRAME_SIZE);
        Listener listener = new Listener();
        byte[] buf = new byte[64 * 1024];
        ByteBuffer carry = ByteBuffer.allocate(0);
        try (InputStream in = socket.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                ByteBuffer bytes = ByteBuffer.allocate(carry.remaining() + n).put(carry).put(buf, 0, n).flip();
                frameReader.read(bytes, listener);
                carry = bytes;
            }
        } catch (IOException | RuntimeException e) {
            frames.add("ERROR " + e);
        }
        closedByServer = true;
        frames.add("EOF");
    }

    private final class Listener extends FrameFeeding.Recorder {
        private final ByteSink block = new ByteSink(64);
        private int blockStream;

        @Override
        public void headers(int streamId, ByteBuffer fragment, boolean endStream, boolean endHeaders, int dependency) {
            blockStream = streamId;
            block.put(fragment);
            if (endHeaders) {
                List<String> fields = new ArrayList<>();
                decoder.decode(ByteBuffer.wrap(block.drain()), (n, v) -> fields.add(n + "=" + v));
                frames.add("HEADERS " + streamId + (endStream ? " END_STREAM " : " ") + fields);
            }
        }

        @Override
        public void continuation(int streamId, ByteBuffer fragment, boolean endHeaders) {
            headers(blockStream, fragment, false, endHeaders, -1);
        }

        @Override
        public void data(int streamId, ByteBuffer payload, int flowLength, boolean endStream) {
            data.computeIfAbsent(streamId, id -> new StringBuilder());
            StringBuilder b = data.get(streamId);
            synchronized (b) {
                b.append(StandardCharsets.UTF_8.decode(payload));
            }
            if (endStream) {
                frames.add("END_STREAM " + streamId);
            }
            try {
                if (flowLength > 0) {
                    H2SocketClient.this.windowUpdate(0, flowLength);
                    if (flowing.contains(streamId)) {
                        H2SocketClient.this.windowUpdate(streamId, flowLength);
                    }
                }
            } catch (IOException e) {
                frames.add("ERROR " + e);
            }
        }

        @Override
        public void settings(boolean ack, Http2Settings settings) {
            frames.add("SETTINGS" + (ack ? " ACK" : " " + settings));
            if (!ack && acknowledgeSettings) {
                ByteSink sink = new ByteSink(16);
                FrameWriter.settingsAck(sink);
                try {
                    send(sink);
                } catch (IOException e) {
                    frames.add("ERROR " + e);
                }
            }
        }

        @Override
        public void rstStream(int streamId, long errorCode) {
            frames.add("RST_STREAM " + streamId + " " + Http2Error.of(errorCode));
        }

        @Override
        public void goAway(int lastStreamId, long errorCode, ByteBuffer debugData) {
            frames.add("GOAWAY " + lastStreamId + " " + Http2Error.of(errorCode) + " '" + FrameFeeding.text(debugData) + "'");
        }

        @Override
        public void ping(boolean ack, long payload) {
            frames.add("PING" + (ack ? " ACK " : " ") + payload);
            if (!ack) {
                ByteSink sink = new ByteSink(16);
                FrameWriter.ping(sink, true, payload);
                try {
                    send(sink);
                } catch (IOException e) {
                    frames.add("ERROR " + e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
