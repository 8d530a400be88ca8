package dev.house.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * S8, channel flood: the publish rate to one room before, during and after a client creates many
 * one-message rooms through {@code POST /send-message}, and the server's heap after a full GC at
 * the end (to hold against the history memory cap). Rates are pipelined batches on one
 * keep-alive connection, so they measure the server's cost per publish, not round trips.
 */
final class ChannelFloodScenario {
    private static final int BATCH = 100;
    private final InetSocketAddress server;
    private final ServerProbe probe;
    private final int rooms;
    private final int seconds;

    ChannelFloodScenario(InetSocketAddress server, ServerProbe probe, Options o) {
        this.server = server;
        this.probe = probe;
        this.rooms = o.integer("rooms", 200_000);
        this.seconds = o.integer("seconds", 5);
    }

    void run(Report report) throws Exception {
        byte[] room = posts(i -> "s8-room", BATCH);
        rate(room, seconds); // warm-up
        double before = rate(room, seconds);
        Report.progress("s8: one room %.0f/s before the flood", before);

        AtomicInteger created = new AtomicInteger();
        long floodStart = System.nanoTime();
        Thread flood = new Thread(() -> {
            try (Socket s = connect()) {
                for (int first = 0; first < rooms; first += BATCH) {
                    int base = first;
                    int n = Math.min(BATCH, rooms - base);
                    exchange(s, posts(i -> "flood-" + (base + i), n), n);
                    created.addAndGet(n);
                }
            } catch (IOException e) {
                Report.progress("s8: flood stopped: %s", e);
            }
        }, "flood");
        flood.start();
        long ok = 0;
        long start = System.nanoTime();
        try (Socket s = connect()) {
            while (flood.isAlive()) {
                ok += exchange(s, room, BATCH);
            }
        }
        double during = ok / ((System.nanoTime() - start) / 1e9);
        double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
        flood.join();
        Report.progress("s8: %d rooms in %.1f s; one room %.0f/s meanwhile", created.get(), floodSeconds, during);

        double after = rate(room, seconds);
        long heap = probe.heapAfterGc();
        report.put("before_per_s", Math.round(before))
                .put("during_per_s", Math.round(during))
                .put("after_per_s", Math.round(after))
                .put("after_vs_before", after / before)
                .put("rooms", created.get())
                .put("flood_s", floodSeconds)
                .put("heap_after_gc_mib", Report.mib(heap))
                .print();
    }

    /** Successful publishes per second over {@code seconds} of pipelined batches. */
    private double rate(byte[] batch, int seconds) throws IOException {
        long ok = 0;
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        try (Socket s = connect()) {
            while (System.nanoTime() < end) {
                ok += exchange(s, batch, BATCH);
            }
        }
        return ok / ((System.nanoTime() - start) / 1e9);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(server, 5000);
        s.setSoTimeout(120_000);
        s.setTcpNoDelay(true);
        return s;
    }

    private byte[] posts(java.util.function.IntFunction<String> room, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String body = "room=" + room.apply(i) + "&name=a&message=hello";
            b.append("POST /send-message HTTP/1.1\r\nHost: ").append(server.getHostString())
                    .append("\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ")
                    .append(body.length()).append("\r\n\r\n").append(body);
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] STATUS = "HTTP/1.1 ".getBytes(StandardCharsets.US_ASCII);

    /** Sends pipelined requests and reads until as many responses came; returns the 2xx ones. */
    private static int exchange(Socket s, byte[] requests, int expected) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(requests);
        out.flush();
        InputStream in = s.getInputStream();
        byte[] buf = new byte[64 * 1024];
        int matched = 0;
        int responses = 0;
        int ok = 0;
        boolean classify = false;
        while (responses < expected) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("server closed after " + responses + " of " + expected + " responses");
            }
            for (int i = 0; i < n; i++) {
                byte c = buf[i];
                if (classify) {
                    classify = false;
                    responses++;
                    if (c == '2') {
                        ok++;
                    }
                    continue;
                }
                matched = c == STATUS[matched] ? matched + 1 : (c == STATUS[0] ? 1 : 0);
                if (matched == STATUS.length) {
                    classify = true;
                    matched = 0;
                }
            }
        }
        return ok;
    }
}
