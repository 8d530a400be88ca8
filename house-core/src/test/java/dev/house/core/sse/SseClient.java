package dev.house.core.sse;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** A blocking test client for one event stream over a real socket, parsing as bytes arrive. */
final class SseClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final SseStreamDecoder decoder = new SseStreamDecoder();
    private final Deque<SseParser.Event> ready = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];
    private boolean eof;

    private SseClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
    }

    /** Opens {@code GET path} over HTTP/1.1 with the extra header lines given (e.g. "Last-Event-ID: 1-2"). */
    static SseClient open(int port, String path, String... headerLines) throws IOException {
        return openWith(port, "HTTP/1.1", path, headerLines);
    }

    static SseClient openWith(int port, String version, String path, String... headerLines) throws IOException {
        SseClient c = new SseClient(port);
        StringBuilder req = new StringBuilder("GET ").append(path).append(' ').append(version)
                .append("\r\nHost: localhost\r\nAccept: text/event-stream\r\n");
        for (String h : headerLines) {
            req.append(h).append("\r\n");
        }
        c.socket.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        return c;
    }

    Socket socket() {
        return socket;
    }

    /** Reads until the response head is in; returns the status. */
    int awaitHead(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!decoder.headDone()) {
            readSome(deadline);
        }
        return decoder.status();
    }

    Map<String, String> headers() {
        return decoder.headers();
    }

    /** The whole body of a non-200 reply (reads to the end). */
    String errorBody(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitHead(timeout);
        int len = Integer.parseInt(decoder.headers().getOrDefault("content-length", "0"));
        while (decoder.text().length() < len && !eof) {
            readSome(deadline);
        }
        return decoder.text();
    }

    /** The next event or comment. */
    SseParser.Event next(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ready.isEmpty()) {
            if (eof) {
                throw new IOException("stream ended");
            }
            readSome(deadline);
        }
        return ready.poll();
    }

    /** The next event that is not a comment. */
    SseParser.Event nextEvent(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            SseParser.Event e = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (!e.isComment()) {
                return e;
            }
        }
    }

    /** The next {@code n} events that carry data (skipping comments and retry-only events). */
    List<SseParser.Event> dataEvents(int n, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<SseParser.Event> out = new ArrayList<>(n);
        while (out.size() < n) {
            SseParser.Event e = nextEvent(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (e.data() != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** The data events arriving within {@code window} (reads until it is over). */
    List<SseParser.Event> dataEventsWithin(Duration window) throws IOException {
        List<SseParser.Event> out = new ArrayList<>();
        for (SseParser.Event e : eventsWithin(window)) {
            if (e.data() != null) {
                out.add(e);
            }
        }
        return out;
    }

    /** Every event and comment already received or arriving within {@code window}. */
    List<SseParser.Event> eventsWithin(Duration window) throws IOException {
        long deadline = System.nanoTime() + window.toNanos();
        List<SseParser.Event> out = new ArrayList<>();
        while (!eof) {
            while (!ready.isEmpty()) {
                out.add(ready.poll());
            }
            try {
                readSome(deadline);
            } catch (SocketTimeoutException windowOver) {
                break;
            }
        }
        while (!ready.isEmpty()) {
            out.add(ready.poll());
        }
        return out;
    }

    /** Reads (collecting events) until the server closes; returns the events and comments seen. */
    List<SseParser.Event> readToEnd(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!eof) {
            readSome(deadline);
        }
        List<SseParser.Event> rest = new ArrayList<>(ready);
        ready.clear();
        return rest;
    }

    /** Whether the chunked stream ended with its terminating chunk. */
    boolean endedCleanly() {
        return decoder.ended();
    }

    /** Closes abruptly: an RST instead of a FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void readSome(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException("nothing more within the timeout");
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        int n = in.read(buffer);
        if (n < 0) {
            eof = true;
            return;
        }
        ready.addAll(decoder.feed(buffer, 0, n));
    }
}
