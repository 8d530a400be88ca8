package dev.house.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Response;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamChunk;
import dev.house.core.io.EventLoop;
import dev.house.core.testing.TestCertificates;
import dev.house.core.testing.TestServers;
import dev.house.core.testing.ThreadWrites;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over TLS, chunks a stream sends in one loop pass are encrypted into as few records as hold them
 * (up to 16 KiB of plaintext each) and leave in one write: counted record by record on the
 * client's side of the socket, and as write system calls of the loop thread.
 */
class TlsRecordCoalescingTest {
    @TempDir
    static Path certDir;
    static TestCertificates certs;

    private final BlockingQueue<ResponseStream> streams = new LinkedBlockingQueue<>();
    private HouseServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = TestCertificates.generate(certDir, "house-test");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void twentySmallChunksSentInOnePassArriveInOneRecord() throws Exception {
        start();
        try (RecordClient client = new RecordClient()) {
            ResponseStream stream = client.openStream();
            int records = client.recordsFor(() -> sendInOnePass(stream, 20, 50), 20);
            assertThat(records).as("TLS records for 20 chunks of ~50 bytes sent in one pass").isEqualTo(1);
        }
    }

    @Test
    void sixtyKilobytesSentInOnePassArriveInFullRecordsFromOneWrite() throws Exception {
        start();
        try (RecordClient client = new RecordClient()) {
            ResponseStream stream = client.openStream();
            AtomicLong syscalls = new AtomicLong();
            int records = client.recordsFor(() -> syscalls.set(sendInOnePassCountingWrites(stream, 40, 1500)), 40);
            // 40 x ~1.5 KB = ~60 KB of plaintext: four records of at most 16 KiB.
            assertThat(records).as("TLS records for 40 chunks of 1.5 KB sent in one pass").isEqualTo(4);
            if (ThreadWrites.available()) {
                assertThat(syscalls.get()).as("write syscalls of the loop for them").isEqualTo(1);
            }
        }
    }

    private void start() throws Exception {
        javax.net.ssl.SSLContext context = certs.serverContext();
        TlsConfig config = TlsConfig.builder(() -> context).build();
        server = TestServers.start(Router.builder()
                .get("/stream", r -> Response.stream("text/plain", s -> {
                    s.send(StreamChunk.of("open\n"));
                    streams.add(s);
                }))
                .build(), b -> b.tls(config).eventLoops(1));
    }

    /** Sends {@code count} chunks of {@code size} bytes (each ending with '!') in one loop task. */
    private static void sendInOnePass(ResponseStream stream, int count, int size) {
        sendInOnePassCountingWrites(stream, count, size);
    }

    /** As {@link #sendInOnePass}, and returns the write syscalls the loop made for them. */
    private static long sendInOnePassCountingWrites(ResponseStream stream, int count, int size) {
        CountDownLatch sent = new CountDownLatch(1);
        long[] writes = new long[2];
        ThreadWrites[] counter = new ThreadWrites[1];
        stream.executor().execute(() -> {
            if (ThreadWrites.available()) {
                counter[0] = ThreadWrites.ofCurrentThread();
                writes[0] = counter[0].count();
            }
            for (int i = 0; i < count; i++) {
                stream.send(StreamChunk.of("x".repeat(size - 1) + "!"));
            }
            // The pass ends after this task: the writes happen then. The next pass sees them done
            // (a timer, since a task queued now would still run in this pass).
            EventLoop.of(stream.executor()).schedule(() -> {
                if (counter[0] != null) {
                    writes[1] = counter[0].count();
                }
                sent.countDown();
            }, 1, TimeUnit.NANOSECONDS);
        });
        try {
            assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return writes[1] - writes[0];
    }

    /** A TLS client reading the socket one record at a time, so it can count them. */
    private final class RecordClient implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;
        private final SSLEngine engine;
        private final ByteBuffer app;
        private final StringBuilder received = new StringBuilder();

        RecordClient() throws Exception {
            socket = new Socket("127.0.0.1", server.port());
            socket.setSoTimeout(10_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
            engine = TestCertificates.clientContext(certs.certificate()).createSSLEngine("localhost", server.port());
            engine.setUseClientMode(true);
            app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
            engine.beginHandshake();
            while (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                    && engine.getHandshakeStatus() != HandshakeStatus.FINISHED) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_TASK -> {
                        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                            task.run();
                        }
                    }
                    case NEED_WRAP -> wrap(ByteBuffer.allocate(0));
                    default -> readRecord();
                }
            }
        }

        /** Sends the request and reads until the stream's first chunk; the stream as the server holds it. */
        ResponseStream openStream() throws Exception {
            wrap(ByteBuffer.wrap("GET /stream HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            while (!received.toString().contains("open\n\r\n")) {
                readRecord();
            }
            received.setLength(0);
            ResponseStream stream = streams.poll(10, TimeUnit.SECONDS);
            assertThat(stream).isNotNull();
            return stream;
        }

        /** Runs {@code send}, then counts the records that bring {@code chunks} chunks ending in '!'. */
        int recordsFor(Runnable send, int chunks) throws IOException {
            send.run();
            int records = 0;
            while (received.chars().filter(c -> c == '!').count() < chunks) {
                readRecord();
                records++;
            }
            return records;
        }

        /** Reads exactly one TLS record from the socket and decrypts it. */
        private void readRecord() throws IOException {
            byte[] header = new byte[5];
            in.readFully(header);
            int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
            byte[] record = new byte[5 + length];
            System.arraycopy(header, 0, record, 0, 5);
            in.readFully(record, 5, length);
            ByteBuffer net = ByteBuffer.wrap(record);
            while (net.hasRemaining()) {
                engine.unwrap(net, app);
                for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                    task.run();
                }
                if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    wrap(ByteBuffer.allocate(0));
                }
            }
            app.flip();
            received.append(StandardCharsets.ISO_8859_1.decode(app));
            app.clear();
        }

        private void wrap(ByteBuffer src) throws IOException {
            ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            do {
                net.clear();
                engine.wrap(src, net);
                net.flip();
                out.write(net.array(), 0, net.limit());
            } while (src.hasRemaining());
            out.flush();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
