package dev.house.spring.redis;

import java.io.ByteArrayOutputStream;
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

/**
 * A blocking SSE client over a real socket, as a browser's EventSource would talk to a node:
 * {@code GET} with optional {@code Last-Event-ID}, a chunked {@code text/event-stream} body,
 * events parsed as they arrive. Comments (heartbeats) and retry-only events are skipped.
 */
final class EventStreamClient implements AutoCloseable {
    /** One parsed event. */
    record Event(String id, String name, String data) {
    }

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final Deque<Event> ready = new ArrayDeque<>();
    private final byte[] buffer = new byte[8192];
    private byte[] pending = new byte[0];
    private boolean headDone;
    private int status;
    private boolean eof;
    private StringBuilder body = new StringBuilder();

    private EventStreamClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
    }

    /** Opens {@code path} and waits for the response head; fails unless the status is 200. */
    static EventStreamClient open(int port, String path, String lastEventId) throws IOException {
        EventStreamClient c = new EventStreamClient(port);
        String req = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n") + "\r\n";
        c.socket.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
        // Generous: the head waits for the Redis subscription, and a loaded CI machine is slow.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.headDone) {
            c.readSome(deadline);
        }
        if (c.status != 200) {
            throw new IOException("status " + c.status);
        }
        return c;
    }

    /** The next {@code n} events, waiting at most {@code timeout} for all of them. */
    List<Event> events(int n, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> out = new ArrayList<>(n);
        while (out.size() < n) {
            if (ready.isEmpty()) {
                if (eof) {
                    throw new IOException("stream ended after " + out.size() + " events: " + out);
                }
                try {
                    readSome(deadline);
                } catch (SocketTimeoutException e) {
                    throw new SocketTimeoutException("got " + out.size() + " of " + n + " events: " + out);
                }
            } else {
                out.add(ready.poll());
            }
        }
        return out;
    }

    /** Every event arriving within {@code window}. */
    List<Event> eventsWithin(Duration window) throws IOException {
        long deadline = System.nanoTime() + window.toNanos();
        List<Event> out = new ArrayList<>();
        while (!eof) {
            while (!ready.isEmpty()) {
                out.add(ready.poll());
            }
            try {
                readSome(deadline);
            } catch (SocketTimeoutException over) {
                break;
            }
        }
        out.addAll(ready);
        ready.clear();
        return out;
    }

    /** Whether the server ended the stream (reads until it does or the timeout passes). */
    boolean awaitEnd(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!eof) {
            readSome(deadline);
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Closes with a TCP reset instead of a FIN, as a vanished client or a middlebox does. */
    void resetConnection() throws IOException {
        socket.setSoLinger(true, 0);
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
        byte[] all = new byte[pending.length + n];
        System.arraycopy(pending, 0, all, 0, pending.length);
        System.arraycopy(buffer, 0, all, pending.length, n);
        pending = all;
        parse();
    }

    /** Takes the head, then de-chunks into {@link #body} and cuts complete events off it. */
    private void parse() {
        String text = new String(pending, StandardCharsets.ISO_8859_1);
        int pos = 0;
        if (!headDone) {
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return;
            }
            status = Integer.parseInt(text.substring(9, 12));
            headDone = true;
            pos = end + 4;
        }
        while (true) {
            int lineEnd = text.indexOf("\r\n", pos);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(text.substring(pos, lineEnd).trim(), 16);
            if (size == 0) {
                eof = true;
                pos = lineEnd + 2;
                break;
            }
            if (text.length() < lineEnd + 2 + size + 2) {
                break;
            }
            raw.write(pending, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
        pending = java.util.Arrays.copyOfRange(pending, pos, pending.length);
        body.append(raw.toString(StandardCharsets.UTF_8));
        raw.reset();
        int cut;
        while ((cut = body.indexOf("\n\n")) >= 0) {
            String block = body.substring(0, cut);
            body = new StringBuilder(body.substring(cut + 2));
            Event e = event(block);
            if (e != null) {
                ready.add(e);
            }
        }
    }

    private static Event event(String block) {
        String id = null;
        String name = null;
        StringBuilder data = null;
        for (String line : block.split("\n", -1)) {
            if (line.startsWith("id: ")) {
                id = line.substring(4);
            } else if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
            }
        }
        return data == null ? null : new Event(id, name, data.toString());
    }
}
