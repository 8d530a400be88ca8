package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.sse.SseChannels;
import dev.house.core.testing.TestServers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The heap an idle SSE stream over HTTP/2 keeps on the server (issue 14's s3h2 aim: at most
 * 1 KiB), measured in-process as the growth of the live heap between two stream counts on the
 * same connections, so what a connection costs cancels out. The client is a bare socket that
 * writes its requests the way a browser does (HPACK with the dynamic table) and keeps nothing
 * per stream; the server's replies wait in the kernel's socket buffers.
 */
class Http2IdleStreamMemoryTest {
    private static final int CONNECTIONS = 10;
    private static final int FIRST = 10;
    private static final int SECOND = 100;

    @Test
    void anIdleSseStreamKeepsAtMostOneKibibyteOfHeap() throws Exception {
        SseChannels sse = SseChannels.create();
        HouseServer server = TestServers.start(Router.builder()
                .get("/events", r -> sse.subscribe(r, List.of(r.queryParameter("room"))))
                .build());
        List<Client> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                clients.add(new Client(server.port()));
            }
            for (Client c : clients) {
                c.open(FIRST);
            }
            await(() -> sse.subscriberCount("lobby") == CONNECTIONS * FIRST);
            long before = usedHeapAfterGc();
            for (Client c : clients) {
                c.open(SECOND - FIRST);
            }
            await(() -> sse.subscriberCount("lobby") == CONNECTIONS * SECOND);
            long after = usedHeapAfterGc();

            long perStream = (after - before) / (CONNECTIONS * (SECOND - FIRST));
            System.out.printf("idle h2 SSE stream: %d B of heap each%n", perStream);
            assertThat(perStream).isLessThanOrEqualTo(1024);
        } finally {
            for (Client c : clients) {
                c.socket.close();
            }
            server.stop();
            sse.close();
        }
    }

    /** One h2c connection opening GET streams; it never reads, so it holds nothing per stream. */
    private static final class Client {
        final Socket socket;
        private final HpackEncoder encoder = new HpackEncoder(4096, true, HpackEncoder.NONE);
        private int nextStream = 1;

        Client(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            ByteSink sink = new ByteSink(64);
            sink.put(Http2Connection.PREFACE, 0, Http2Connection.PREFACE.length);
            FrameWriter.settings(sink, new Http2Settings());
            FrameWriter.settingsAck(sink); // the server's SETTINGS are answered before they are read
            socket.getOutputStream().write(sink.drain());
        }

        void open(int streams) throws IOException {
            ByteSink sink = new ByteSink(1024);
            for (int i = 0; i < streams; i++) {
                ByteSink block = new ByteSink(64);
                encoder.beginBlock(block);
                encoder.encode(":method", "GET", block);
                encoder.encode(":scheme", "http", block);
                encoder.encode(":path", "/events?room=lobby", block);
                encoder.encode(":authority", "localhost", block);
                encoder.encode("accept", "text/event-stream", block);
                byte[] bytes = block.drain();
                FrameWriter.headers(sink, nextStream, bytes, bytes.length, true, 16_384);
                nextStream += 2;
            }
            socket.getOutputStream().write(sink.drain());
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("streams not subscribed within 30 s");
            }
            Thread.sleep(10);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50); // lets a concurrent cycle finish; the minimum of several readings is kept
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
