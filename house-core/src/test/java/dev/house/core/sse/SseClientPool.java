package dev.house.core.sse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Many event-stream clients on one selector, driven by the calling thread: each connection's
 * bytes go through its own incremental decoder into its own list of events. For fan-out tests
 * with hundreds of subscribers and no thread per client.
 */
final class SseClientPool implements AutoCloseable {
    /** One client connection and what it received. */
    static final class Client {
        final SocketChannel channel;
        final SseStreamDecoder decoder = new SseStreamDecoder();
        final List<SseParser.Event> events = new ArrayList<>();
        int dataCount;
        boolean closed;
        /** When the server's end of the stream was read ({@link System#nanoTime()}), once closed. */
        long closedAtNanos;

        Client(SocketChannel channel) {
            this.channel = channel;
        }

        /** Events that carry data, in arrival order. */
        List<SseParser.Event> dataEvents() {
            return events.stream().filter(e -> e.data() != null).toList();
        }
    }

    private final Selector selector;
    private final List<Client> clients = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final byte[] bytes = new byte[64 * 1024];

    SseClientPool() throws IOException {
        selector = Selector.open();
    }

    /** Opens a client sending {@code GET path}; {@code receiveBuffer} 0 keeps the default. */
    Client open(int port, String path, int receiveBuffer, boolean read) throws IOException {
        SocketChannel ch = SocketChannel.open();
        if (receiveBuffer > 0) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
        }
        ch.connect(new InetSocketAddress("127.0.0.1", port));
        ch.write(ByteBuffer.wrap(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII)));
        ch.configureBlocking(false);
        Client c = new Client(ch);
        if (read) {
            ch.register(selector, SelectionKey.OP_READ, c);
        }
        clients.add(c);
        return c;
    }

    List<Client> clients() {
        return clients;
    }

    /** Reads from every connection until {@code done} holds; false when the timeout came first. */
    boolean pumpUntil(BooleanSupplier done, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            selector.select(Math.max(1, Math.min(50, left / 1_000_000)));
            for (SelectionKey key : selector.selectedKeys()) {
                Client c = (Client) key.attachment();
                readAll(key, c);
            }
            selector.selectedKeys().clear();
        }
        return true;
    }

    private void readAll(SelectionKey key, Client c) throws IOException {
        while (true) {
            buffer.clear();
            int n;
            try {
                n = c.channel.read(buffer);
            } catch (IOException reset) {
                n = -1;
            }
            if (n < 0) {
                c.closed = true;
                c.closedAtNanos = System.nanoTime();
                key.cancel();
                c.channel.close();
                return;
            }
            if (n == 0) {
                return;
            }
            buffer.flip();
            buffer.get(bytes, 0, n);
            for (SseParser.Event e : c.decoder.feed(bytes, 0, n)) {
                c.events.add(e);
                if (e.data() != null) {
                    c.dataCount++;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (Client c : clients) {
            c.channel.close();
        }
        selector.close();
    }
}
