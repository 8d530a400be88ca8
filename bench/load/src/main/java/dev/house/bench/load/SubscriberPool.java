package dev.house.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Recorder;

/**
 * Thousands of SSE subscribers on one thread: a selector, one shared read buffer, and per
 * connection only its socket and a {@link SseStreamDecoder}. Connects are spread over the given
 * source addresses (each 127.0.0.x has its own ephemeral ports) and, round-robin, over the given
 * servers (the nodes of a cluster), and kept to a bounded number in flight so no server's accept
 * queue is flooded. Latencies of reading groups go to the recorder in microseconds.
 * With a TLS context, each connection's bytes go through a {@link TlsCodec} instead.
 */
final class SubscriberPool implements AutoCloseable {
    private static final int MAX_CONNECTS_IN_FLIGHT = 256;

    private final List<InetSocketAddress> servers;
    /** The subscribe request of each server, which differ in their Host header. */
    private final List<byte[]> requests;
    private final List<InetAddress> sources;
    private final Recorder latencyMicros;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Queue<SubscriberGroup> toConnect = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(TlsCodec.NET_BUFFER);
    private final TlsCodec.Factory tls; // null: plain HTTP
    private int pendingOfHead; // group members still to connect for the group at the queue head
    private int connectsInFlight;
    private int nextSource;
    private int nextServer;
    private volatile boolean running = true;

    SubscriberPool(InetSocketAddress server, String path, List<InetAddress> sources, Recorder latencyMicros)
            throws IOException {
        this(List.of(server), path, sources, latencyMicros, null);
    }

    /** @param tls the client context for HTTPS, or null for plain HTTP */
    SubscriberPool(List<InetSocketAddress> servers, String path, List<InetAddress> sources, Recorder latencyMicros,
                   SSLContext tls) throws IOException {
        this.servers = List.copyOf(servers);
        this.requests = servers.stream()
                .map(server -> ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
                .toList();
        this.tls = tls == null ? null : new TlsCodec.Factory(tls);
        this.sources = List.copyOf(sources);
        this.latencyMicros = latencyMicros;
        this.selector = Selector.open();
        this.thread = new Thread(this::run, "sse-subscribers");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Starts connecting the group's subscribers; watch its counters for progress. */
    SubscriberGroup open(SubscriberGroup group) {
        execute(() -> {
            if (toConnect.isEmpty()) {
                pendingOfHead = group.size;
            }
            toConnect.add(group);
        });
        return group;
    }

    /** Lets the group's subscribers read again (the slow ones, to find which were cut). */
    void resumeReading(SubscriberGroup group) {
        execute(() -> {
            for (Subscriber s : subscribers) {
                if (s.group == group && s.key.isValid()) {
                    s.paused = false;
                    s.key.interestOps(SelectionKey.OP_READ);
                }
            }
        });
    }

    /**
     * Stops the group's subscribers reading (S7 between its warm-up and measured bursts); bytes
     * already read are counted, the rest waits in the sockets until {@link #resumeReading}.
     */
    void pauseReading(SubscriberGroup group) {
        execute(() -> {
            for (Subscriber s : subscribers) {
                if (s.group == group && s.key.isValid()) {
                    s.paused = true;
                    s.key.interestOps(0);
                }
            }
        });
    }

    private void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    private void run() {
        try {
            while (running) {
                startConnects();
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    Subscriber s = (Subscriber) key.attachment();
                    if (key.isConnectable()) {
                        connected(s);
                    } else if (key.isReadable()) {
                        read(s);
                    }
                }
                selector.selectedKeys().clear();
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
            }
        } catch (ClosedSelectorException stopped) {
            // close() was called
        } catch (IOException e) {
            throw new IllegalStateException("subscriber loop failed", e);
        }
    }

    private void startConnects() {
        while (connectsInFlight < MAX_CONNECTS_IN_FLIGHT && !toConnect.isEmpty()) {
            SubscriberGroup group = toConnect.peek();
            if (pendingOfHead == 0) {
                toConnect.poll();
                SubscriberGroup next = toConnect.peek();
                pendingOfHead = next == null ? 0 : next.size;
                continue;
            }
            pendingOfHead--;
            connect(group);
        }
    }

    private void connect(SubscriberGroup group) {
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (group.receiveBuffer > 0) {
                ch.setOption(StandardSocketOptions.SO_RCVBUF, group.receiveBuffer);
            }
            if (sources.size() > 1) {
                ch.bind(new InetSocketAddress(sources.get(nextSource++ % sources.size()), 0));
            }
            int node = nextServer++ % servers.size();
            Subscriber s = new Subscriber(group, ch, requests.get(node));
            s.key = ch.register(selector, SelectionKey.OP_CONNECT, s);
            // Counted only once started: a connect that fails at once (no free port) throws here.
            boolean connectedNow = ch.connect(servers.get(node));
            connectsInFlight++;
            if (connectedNow) {
                connected(s);
            }
        } catch (IOException e) {
            group.fail("connect: " + e.getMessage());
            closeQuietly(ch);
        }
    }

    private void connected(Subscriber s) {
        connectsInFlight--;
        try {
            s.channel.finishConnect();
            if (tls != null) {
                s.tls = tls.start(s.channel, s.request); // the request follows the handshake
            } else {
                ByteBuffer out = ByteBuffer.wrap(s.request);
                while (out.hasRemaining()) {
                    if (s.channel.write(out) == 0) {
                        throw new IOException("request did not fit the send buffer");
                    }
                }
            }
            s.key.interestOps(SelectionKey.OP_READ);
            subscribers.add(s);
        } catch (IOException e) {
            s.group.fail("connect: " + e.getMessage());
            s.key.cancel();
            closeQuietly(s.channel);
        }
    }

    private void read(Subscriber s) {
        SubscriberGroup g = s.group;
        try {
            // Bounded so one busy connection cannot starve the rest.
            for (int round = 0; round < 4; round++) {
                readBuffer.clear();
                int n = s.tls == null ? s.channel.read(readBuffer) : s.tls.read(readBuffer);
                if (n < 0) {
                    end(s, null);
                    return;
                }
                if (n == 0) {
                    return;
                }
                g.bytes += n;
                readBuffer.flip();
                s.decoder.feed(readBuffer);
                if (s.decoder.isDone()) {
                    end(s, s.ready() ? null : "status " + s.status);
                    return;
                }
                if (s.paused) {
                    s.key.interestOps(0);
                    return;
                }
            }
        } catch (IOException e) {
            end(s, e.getMessage());
        }
    }

    private void end(Subscriber s, String why) {
        s.key.cancel();
        closeQuietly(s.channel);
        if (s.ready()) {
            s.group.ended++;
        } else {
            s.group.fail(why == null ? "closed before the response head" : why);
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5_000);
            for (Subscriber s : subscribers) {
                closeQuietly(s.channel);
            }
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One connection: its group, socket, subscribe request, decoder and, over HTTPS, its TLS codec. */
    private final class Subscriber implements SseStreamDecoder.Listener {
        final SubscriberGroup group;
        final SocketChannel channel;
        final byte[] request;
        final SseStreamDecoder decoder = new SseStreamDecoder(this);
        SelectionKey key;
        TlsCodec tls; // null: plain HTTP
        boolean paused;
        int status; // 0 until the response head arrived

        Subscriber(SubscriberGroup group, SocketChannel channel, byte[] request) {
            this.group = group;
            this.channel = channel;
            this.request = request;
        }

        /** Subscribed: the response head arrived with status 200. */
        boolean ready() {
            return status == 200;
        }

        @Override
        public void onHead(int status) {
            this.status = status;
            if (status == 200) {
                group.ready++;
                paused = !group.reading;
            }
            // any other status: the decoder is done, and read() ends the connection as a failure
        }

        @Override
        public void onEvent(long sentNanos) {
            group.events++;
            if (group.reading) {
                latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sentNanos) / 1_000));
            }
        }
    }
}
