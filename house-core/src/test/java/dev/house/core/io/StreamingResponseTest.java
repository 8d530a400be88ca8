package dev.house.core.io;

import static dev.house.core.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Response;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.testing.PendingBound;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.TestServers;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamingResponseTest {
    private HouseServer server;
    private final BlockingQueue<ResponseStream> streams = new LinkedBlockingQueue<>();
    private final AtomicInteger closed = new AtomicInteger();

    @BeforeEach
    void start() {
        server = TestServers.start(Router.builder()
                .get("/stream", r -> Response.stream("text/plain; charset=utf-8", stream -> {
                    stream.onClose(closed::incrementAndGet);
                    stream.send(StreamChunk.of("first\n"));
                    streams.add(stream);
                }))
                .build(), b -> b.streamMaxPendingBytes(64 * 1024));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void http11StreamIsChunkedAndCarriesChunksSentFromOtherThreads() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.get("/stream");
            assertThat(client.readLine()).isEqualTo("HTTP/1.1 200 OK");
            String line;
            boolean chunked = false;
            while (!(line = client.readLine()).isEmpty()) {
                chunked |= line.equalsIgnoreCase("Transfer-Encoding: chunked");
                assertThat(line).doesNotStartWithIgnoringCase("Content-Length");
            }
            assertThat(chunked).isTrue();
            assertThat(client.readLine()).isEqualTo("6");
            assertThat(client.readLine()).isEqualTo("first");
            client.readLine();
            ResponseStream stream = streams.poll(5, TimeUnit.SECONDS);
            stream.send(StreamChunk.of("second\n")); // from the test thread
            assertThat(client.readLine()).isEqualTo("7");
            assertThat(client.readLine()).isEqualTo("second");
            client.readLine();
            stream.close();
            assertThat(client.readLine()).isEqualTo("0");
            assertThat(client.readLine()).isEmpty();
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void http10StreamIsCloseDelimited() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.send("GET /stream HTTP/1.0\r\n\r\n");
            String line;
            while (!(line = client.readLine()).isEmpty()) {
                assertThat(line).doesNotStartWithIgnoringCase("Transfer-Encoding");
            }
            assertThat(client.readLine()).isEqualTo("first");
            streams.poll(5, TimeUnit.SECONDS).close();
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void clientLeavingEndsTheStreamAtOnce() throws Exception {
        RawHttpClient client = new RawHttpClient(server.port());
        client.get("/stream");
        ResponseStream stream = streams.poll(5, TimeUnit.SECONDS);
        client.close();
        until(() -> closed.get() == 1, "close callback ran");
        assertThat(stream.isOpen()).isFalse();
        assertThat(stream.send(StreamChunk.of("late\n"))).isFalse();
        until(() -> server.connectionCount() == 0, "connection released");
    }

    @Test
    void slowConsumerIsDisconnectedPastItsPendingBound() throws Exception {
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()))) {
            c.write(ByteBuffer.wrap("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ResponseStream stream = streams.poll(5, TimeUnit.SECONDS);
            StreamChunk chunk = StreamChunk.wrap(new byte[16 * 1024]);
            // never read: kernel buffers fill, then the server's bound trips
            for (int i = 0; i < 10_000 && stream.isOpen(); i++) {
                stream.send(chunk);
                if (i % 64 == 63) {
                    until(() -> stream.pendingBytes() < 64 * 1024 || !stream.isOpen(), "server processes sends");
                }
            }
            until(() -> !stream.isOpen(), "slow stream cut");
            assertThat(closed.get()).isEqualTo(1);
        }
    }

    @Test
    void slowConsumerStaysOpenAtItsPendingBoundAndIsCutOneBytePast() throws Exception {
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()))) {
            c.socket().setReceiveBufferSize(4096);
            c.write(ByteBuffer.wrap("GET /stream HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ResponseStream stream = streams.poll(5, TimeUnit.SECONDS);
            PendingBound.assertOpenAtBoundAndCutOnePast(stream, 64 * 1024);
            until(() -> closed.get() == 1, "close callback ran");
        }
    }

    @Test
    void shutdownSendsTheFarewellChunkThenEndsTheStream() throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.get("/stream");
            ResponseStream stream = streams.poll(5, TimeUnit.SECONDS);
            stream.farewell(StreamChunk.of("bye\n"));
            while (!client.readLine().isEmpty()) {
                // headers
            }
            client.readLine();
            assertThat(client.readLine()).isEqualTo("first");
            client.readLine();
            server.stop();
            assertThat(client.readLine()).isEqualTo("4");
            assertThat(client.readLine()).isEqualTo("bye");
            client.readLine();
            assertThat(client.readLine()).isEqualTo("0");
        }
    }
}
