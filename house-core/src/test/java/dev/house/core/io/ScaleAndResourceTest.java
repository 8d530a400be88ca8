package dev.house.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Response;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.TestServers;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import static dev.house.core.testing.Await.until;

class ScaleAndResourceTest {
    private HouseServer server;
    private final AtomicInteger bigResponses = new AtomicInteger();

    private void start() {
        server = TestServers.start(Router.builder()
                .get("/hello", r -> Response.text("Hello, world"))
                .get("/big", r -> {
                    bigResponses.incrementAndGet();
                    return Response.bytes(new byte[256 * 1024], "application/octet-stream");
                })
                .build(), b -> b.maxConnections(5000));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void servesAThousandConcurrentConnections() throws Exception {
        start();
        List<SocketChannel> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
                clients.add(c);
            }
            until(() -> server.connectionCount() == 1000, "1000 connections registered");
            byte[] request = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            for (SocketChannel c : clients) {
                c.write(ByteBuffer.wrap(request));
            }
            for (SocketChannel c : clients) {
                assertThat(readResponse(c)).startsWith("HTTP/1.1 200 OK").endsWith("Hello, world");
            }
        } finally {
            for (SocketChannel c : clients) {
                c.close();
            }
        }
        until(() -> server.connectionCount() == 0, "all connections released");
    }

    @Test
    void openingAndClosingThousandsOfConnectionsLeavesNoneOpen() throws Exception {
        start();
        for (int i = 0; i < 3000; i++) {
            try (RawHttpClient client = new RawHttpClient(server.port())) {
                if (i % 3 == 0) {
                    assertThat(client.get("/hello").read().status()).isEqualTo(200);
                } else if (i % 3 == 1) {
                    client.send("GET /hel"); // leave mid-request
                }
            }
        }
        until(() -> server.connectionCount() == 0, "connection count back to zero");
    }

    @Test
    void clientThatNeverReadsDoesNotGrowServerMemory() throws Exception {
        start();
        byte[] request = "GET /big HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()))) {
            c.configureBlocking(false);
            long written = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            // Pipeline 256 KiB responses without reading any until the server stops taking requests.
            int stalledRounds = 0;
            while (System.nanoTime() < deadline && stalledRounds < 200) {
                int n = c.write(ByteBuffer.wrap(request));
                written += n;
                stalledRounds = n == 0 ? stalledRounds + 1 : 0;
                if (n == 0) {
                    Thread.onSpinWait();
                }
            }
            long requestsSent = written / request.length;
            assertThat(requestsSent).as("requests the client managed to send").isGreaterThan(100);
            // The server handled only what fits its output bound plus socket buffers, not all of them.
            assertThat(bigResponses.get()).isLessThan((int) Math.min(requestsSent, 100));
        }
        until(() -> server.connectionCount() == 0, "connection released after the client left");
    }

    private static String readResponse(SocketChannel c) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(1024);
        StringBuilder sb = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!sb.toString().endsWith("Hello, world") && System.nanoTime() < deadline) {
            buf.clear();
            if (c.read(buf) < 0) {
                break;
            }
            buf.flip();
            sb.append(StandardCharsets.US_ASCII.decode(buf));
        }
        return sb.toString();
    }
}
