package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Response;
import dev.house.core.testing.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The channel-flood attack over real sockets: a client creates 200,000 one-message rooms through
 * an HTTP endpoint that publishes, then publishing to one room must go on at the rate a fresh
 * server manages. Rates are pipelined request batches (the server's cost, not round trips), the
 * best of a few runs each, compared within the one test so a busy machine slows both alike.
 */
class SseChannelFloodTest {
    private static final int ROOMS = 200_000;
    private static final int BATCH = 200;
    private static final String MESSAGE = "m".repeat(150);
    private static final long FLOOD_DEADLINE_NANOS = 300_000_000_000L;
    private SseChannels sse;
    private HouseServer server;

    @AfterEach
    void stop() {
        server.stop();
        sse.close();
    }

    @Test
    void afterTwoHundredThousandOneMessageRoomsPublishingToOneRoomKeepsAtLeastHalfAFreshServersRate()
            throws Exception {
        sse = SseChannels.builder().config(SseConfig.defaults()).build();
        server = TestServers.start(Router.builder()
                .route(HttpMethod.GET, "/send", r -> {
                    sse.publish(r.queryParameter("room"), SseEvent.data(r.queryParameter("message")));
                    return Response.text("ok");
                }, Execution.EVENT_LOOP)
                .build());

        bestRate("warm-up"); // compiled code for both measurements, not only the second
        double fresh = bestRate("lobby");
        long floodStart = System.nanoTime();
        int sent = flood();
        double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
        // A room new after the flood: its history grows, so each publish pushes the broker past
        // its memory cap and evicts the globally oldest event (an old room's history had stayed
        // at its size limit and evicted only its own).
        double after = bestRate("lobby-after");
        SseStats stats = sse.stats();
        System.out.printf("channel flood: %d rooms in %.1f s; one room %.0f/s fresh, %.0f/s after (x%.2f); "
                        + "%d channels kept, %d retained bytes%n",
                sent, floodSeconds, fresh, after, fresh / after, stats.channels(), stats.retainedBytes());

        assertThat(sent).as("rooms created before the deadline").isEqualTo(ROOMS);
        assertThat(after).as("publishes/s to one room after the flood").isGreaterThan(fresh / 2);
        assertThat(stats.channels()).isLessThanOrEqualTo(SseConfig.defaults().maxChannels() + 1);
        assertThat(stats.retainedBytes()).isLessThanOrEqualTo(SseConfig.defaults().historyMemoryCap());
    }

    /** Publishes per second to {@code room}: the best of three runs of 2,000 pipelined requests. */
    private double bestRate(String room) throws IOException {
        byte[] batch = requests(i -> room, BATCH);
        double best = 0;
        try (Socket s = connect()) {
            for (int run = 0; run < 3; run++) {
                long start = System.nanoTime();
                int done = 0;
                // Bounded in time too, so a server that became slow fails instead of hanging.
                while (done < 2000 && System.nanoTime() - start < 20_000_000_000L) {
                    exchange(s, batch, BATCH);
                    done += BATCH;
                }
                best = Math.max(best, done / ((System.nanoTime() - start) / 1e9));
            }
        }
        return best;
    }

    /** Creates the rooms over two pipelining connections; returns how many before the deadline. */
    private int flood() throws Exception {
        long deadline = System.nanoTime() + FLOOD_DEADLINE_NANOS;
        int[] done = new int[2];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int part = t;
            Thread thread = new Thread(() -> {
                try (Socket s = connect()) {
                    for (int first = part * ROOMS / 2; first < (part + 1) * ROOMS / 2 && System.nanoTime() < deadline;
                         first += BATCH) {
                        int base = first;
                        exchange(s, requests(i -> "room-" + (base + i), BATCH), BATCH);
                        done[part] += BATCH;
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "flood-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done[0] + done[1];
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(60_000);
        s.setTcpNoDelay(true);
        return s;
    }

    private static byte[] requests(java.util.function.IntFunction<String> room, int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("GET /send?room=").append(room.apply(i)).append("&message=").append(MESSAGE)
                    .append(" HTTP/1.1\r\nHost: localhost\r\n\r\n");
        }
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes pipelined requests and reads until {@code count} 200 responses arrived. */
    private static void exchange(Socket s, byte[] requests, int count) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(requests);
        out.flush();
        InputStream in = s.getInputStream();
        byte[] pattern = "HTTP/1.1 200 ".getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[64 * 1024];
        int matched = 0;
        int seen = 0;
        while (seen < count) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("server closed after " + seen + " of " + count + " responses");
            }
            for (int i = 0; i < n; i++) {
                matched = buf[i] == pattern[matched] ? matched + 1 : (buf[i] == pattern[0] ? 1 : 0);
                if (matched == pattern.length) {
                    seen++;
                    matched = 0;
                }
            }
        }
    }
}
