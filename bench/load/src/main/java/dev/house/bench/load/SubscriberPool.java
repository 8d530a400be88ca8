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
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;
import org.HdrHistogram.Recorder;

/**
 * Thousands of SSE subscribers on one thread: a selector, one shared read buffer, and per
 * connection only its socket and a {@link SseStreamDecoder}. Connects are spread over the given
 * source addresses (each 127.0.0.x has its own ephemeral ports) and, round-robin, over the given
 * servers (the nodes of a cluster), and kept to a bounded number in flight so no server's accept
 * queue is flooded. Latencies of reading groups go to the recorder in microseconds.
 * With a TLS context, each connection's bytes go through a {@link TlsCodec} instead.
 * Over HTTP/2 ({@code h2Streams} > 0) each connection carries up to that many subscribers, one
 * stream each ({@link H2SseConnection}): h2c with prior knowledge, or h2 by ALPN over TLS.
 */
final class SubscriberPool implements AutoCloseable {
    private static final int MAX_CONNECTS_IN_FLIGHT = 256;
    /** The loop selects at most once per this long while there is work: see {@link #pace}. */
    static final long PASS_NANOS = 1_000_000;
    /** A read of at least this many bytes is followed by another at once: see {@link #read}. */
    private static final int MORE_TO_READ = 16 * 1024;

    private final List<InetSocketAddress> servers;
    private final String path;
    /** The subscribe request of each server, which differ in their Host header. */
    private final List<byte[]> requests;
    private final List<InetAddress> sources;
    private final Recorder latencyMicros;
    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Queue<SubscriberGroup> toConnect = new ArrayDeque<>();
    private final List<Link> subscribers = new ArrayList<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(TlsCodec.NET_BUFFER);
    private final TlsCodec.Factory tls; // null: plain HTTP
    private final int h2Streams; // 0: HTTP/1.1, a connection per subscriber
    private int pendingOfHead; // group members still to connect for the group at the queue head
    private int connectsInFlight;
    private int nextSource;
    private int nextServer;
    private volatile boolean running = true;
    private volatile int connections;
    /**
     * Whether a read of this pass was big (a bulk stream: large messages, S4's 16 KiB ones): then
     * the next pass comes at once, as before pacing, since waiting would only let the server's
     * queue for that subscriber grow (past its cap, a server cuts the subscriber as too slow).
     */
    private boolean bulk;
    /** When the current pass found its first ready key (0: not yet). */
    private long passStart;
    /** When the last read returned: the receive time of every event in it. */
    private long readNanos;
    /** Events received so far, all groups; added to the group's count once per read. */
    private long received;
    /** When the last pass that found work began (0: none yet). */
    private long lastPassStart;
    /**
     * For tests, read from another thread: socket reads so far, those that found nothing, and the
     * shortest time between the starts of two passes that found work.
     */
    volatile long reads;
    volatile long emptyReads;
    volatile long shortestPassGapNanos = Long.MAX_VALUE;

    SubscriberPool(InetSocketAddress server, String path, List<InetAddress> sources, Recorder latencyMicros)
            throws IOException {
        this(List.of(server), path, sources, latencyMicros, null, 0);
    }

    /**
     * @param tls       the client context for HTTPS, or null for plain HTTP
     * @param h2Streams 0 for HTTP/1.1, else HTTP/2 with this many subscribers (streams) per connection
     */
    SubscriberPool(List<InetSocketAddress> servers, String path, List<InetAddress> sources, Recorder latencyMicros,
                   SSLContext tls, int h2Streams) throws IOException {
        this.servers = List.copyOf(servers);
        this.path = path;
        this.requests = servers.stream()
                .map(server -> ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                        + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII))
                .toList();
        this.h2Streams = h2Streams;
        this.tls = tls == null ? null : h2Streams > 0 ? new TlsCodec.Factory(tls, "h2") : new TlsCodec.Factory(tls);
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

    /** Connections opened so far: one per subscriber over HTTP/1.1, one per h2Streams subscribers over HTTP/2. */
    int connections() {
        return connections;
    }

    /** Lets the group's subscribers read again (the slow ones, to find which were cut). */
    void resumeReading(SubscriberGroup group) {
        execute(() -> {
            for (Link s : subscribers) {
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
            for (Link s : subscribers) {
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
                passStart = 0;
                int ready = selector.select(this::ready, 100);
                for (Runnable task; (task = tasks.poll()) != null; ) {
                    task.run();
                }
                if (ready > 0 && !bulk) {
                    pace();
                }
                bulk = false;
            }
        } catch (ClosedSelectorException stopped) {
            // close() was called
        } catch (IOException e) {
            throw new IllegalStateException("subscriber loop failed", e);
        }
    }

    /**
     * After a select that found work, waits until {@link #PASS_NANOS} after it returned before
     * selecting again, unless handling what it found took that long already. A loop that selects
     * as soon as it is done wakes up for nearly every socket the server writes (one event on 10,000
     * sockets is 10,000 writes spread over the server's pass), and then pays a wake-up, an
     * {@code epoll_wait} and a context switch per delivery, several times the read itself; waiting
     * a moment lets the writes of that moment gather, so one select finds hundreds of ready
     * sockets. It adds at most {@link #PASS_NANOS} to a delivery's measured latency (which is
     * recorded when the read returns, after the wait), and nothing while the loop is busy or
     * reading a bulk stream ({@link #bulk}).
     */
    private void pace() {
        // a park may return early: wait out the rest
        for (long wait; (wait = passStart + PASS_NANOS - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(wait);
        }
    }

    /** One ready key of a select. */
    private void ready(SelectionKey key) {
        if (passStart == 0) {
            passStart = System.nanoTime();
            if (lastPassStart != 0 && passStart - lastPassStart < shortestPassGapNanos) {
                shortestPassGapNanos = passStart - lastPassStart;
            }
            lastPassStart = passStart;
        }
        if (!key.isValid()) {
            return;
        }
        Link s = (Link) key.attachment();
        if (key.isConnectable()) {
            connected(s);
        } else if (key.isReadable()) {
            read(s);
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
            int members = h2Streams == 0 ? 1 : Math.min(h2Streams, pendingOfHead);
            pendingOfHead -= members;
            connect(group, members);
        }
    }

    private void connect(SubscriberGroup group, int members) {
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
            Link s = h2Streams == 0 ? new Subscriber(group, ch, requests.get(node))
                    : new H2Subscribers(group, ch, opening(node, members), members);
            s.key = ch.register(selector, SelectionKey.OP_CONNECT, s);
            // Counted only once started: a connect that fails at once (no free port) throws here.
            boolean connectedNow = ch.connect(servers.get(node));
            connectsInFlight++;
            if (connectedNow) {
                connected(s);
            }
        } catch (IOException e) {
            for (int i = 0; i < members; i++) {
                group.fail("connect: " + e.getMessage());
            }
            closeQuietly(ch);
        }
    }

    /** An HTTP/2 connection's opening bytes: preface, settings and one request per member. */
    private byte[] opening(int node, int members) {
        InetSocketAddress server = servers.get(node);
        return H2SseConnection.opening(members, tls == null ? "http" : "https",
                server.getHostString() + ":" + server.getPort(), path);
    }

    private void connected(Link s) {
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
            connections = subscribers.size();
        } catch (IOException e) {
            s.key.cancel();
            closeQuietly(s.channel);
            s.ended("connect: " + e.getMessage());
        }
    }

    /**
     * Reads what the socket has. One read suffices unless it returned {@link #MORE_TO_READ} bytes
     * or more: the selector is level-triggered, so bytes left in the socket make it ready again in
     * the next pass, and a second read to find the socket empty would double the system calls per
     * delivery of small events. A big read (large messages, a TLS read stopped by its record
     * buffer) is likely to have more behind it, so that socket is read again at once.
     */
    private void read(Link s) {
        SubscriberGroup g = s.group;
        try {
            // Bounded so one busy connection cannot starve the rest.
            for (int round = 0; round < 4; round++) {
                readBuffer.clear();
                int n = s.tls == null ? s.channel.read(readBuffer) : s.tls.read(readBuffer);
                reads++;
                if (n < 0) {
                    end(s, null);
                    return;
                }
                if (n == 0) {
                    emptyReads++;
                    return;
                }
                readNanos = System.nanoTime();
                g.bytes += n;
                readBuffer.flip();
                long eventsBefore = received;
                String done;
                try {
                    done = s.input(readBuffer);
                } finally {
                    if (received != eventsBefore) {
                        g.events += received - eventsBefore; // one volatile write per read, not per event
                    }
                }
                if (done != null) {
                    end(s, done.isEmpty() ? null : done);
                    return;
                }
                if (s.paused) {
                    s.key.interestOps(0);
                    return;
                }
                if (n < MORE_TO_READ) {
                    return;
                }
                bulk = true;
            }
        } catch (IOException e) {
            end(s, e.getMessage());
        }
    }

    /** An event arrived for the group: counted, and its latency recorded if the group reads. */
    private void received(SubscriberGroup group, long sentNanos) {
        received++;
        if (group.reading) {
            latencyMicros.recordValue(Math.max(0, (readNanos - sentNanos) / 1_000));
        }
    }

    private void end(Link s, String why) {
        s.key.cancel();
        closeQuietly(s.channel);
        s.ended(why);
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
            for (Link s : subscribers) {
                closeQuietly(s.channel);
            }
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** One connection: its group, socket, first bytes to send and, over HTTPS, its TLS codec. */
    private abstract static class Link {
        final SubscriberGroup group;
        final SocketChannel channel;
        final byte[] request;
        SelectionKey key;
        TlsCodec tls; // null: plain HTTP
        boolean paused;

        Link(SubscriberGroup group, SocketChannel channel, byte[] request) {
            this.group = group;
            this.channel = channel;
            this.request = request;
        }

        /** Takes the bytes read; returns null to go on, else why the connection is done ("" when cleanly). */
        abstract String input(ByteBuffer in) throws IOException;

        /** The connection closed ({@code why} null when at the end of its response): counts its subscribers' end. */
        abstract void ended(String why);
    }

    /** One HTTP/1.1 subscriber: its connection and SSE decoder. */
    private final class Subscriber extends Link implements SseStreamDecoder.Listener {
        final SseStreamDecoder decoder = new SseStreamDecoder(this);
        int status; // 0 until the response head arrived

        Subscriber(SubscriberGroup group, SocketChannel channel, byte[] request) {
            super(group, channel, request);
        }

        @Override
        String input(ByteBuffer in) {
            decoder.feed(in);
            return !decoder.isDone() ? null : ready() ? "" : "status " + status;
        }

        @Override
        void ended(String why) {
            if (ready()) {
                group.ended++;
            } else {
                String failure = why == null ? "closed before the response head" : why;
                group.fail(tls == null ? failure : failure + " (" + tls.state() + ")");
            }
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
            received(group, sentNanos);
        }
    }

    /** One HTTP/2 connection carrying {@code streams} subscribers, one stream each. */
    private final class H2Subscribers extends Link implements H2SseConnection.Listener {
        final H2SseConnection h2;
        final int[] status; // per stream: 0 until its response HEADERS arrived
        int open;
        boolean checkedProtocol;

        H2Subscribers(SubscriberGroup group, SocketChannel channel, byte[] opening, int streams) {
            super(group, channel, opening);
            this.h2 = new H2SseConnection(streams, this);
            this.status = new int[streams];
            this.open = streams;
        }

        @Override
        String input(ByteBuffer in) throws IOException {
            if (!checkedProtocol && tls != null) {
                checkedProtocol = true;
                if (!"h2".equals(tls.applicationProtocol())) {
                    return "ALPN agreed on '" + tls.applicationProtocol() + "', not h2";
                }
            }
            byte[] reply = h2.feed(in);
            if (reply != null) {
                if (tls != null) {
                    tls.send(reply);
                } else {
                    ByteBuffer out = ByteBuffer.wrap(reply);
                    while (out.hasRemaining()) {
                        if (channel.write(out) == 0) {
                            throw new IOException("HTTP/2 acknowledgement did not fit the send buffer");
                        }
                    }
                }
            }
            return open > 0 && !h2.isClosed() ? null : "";
        }

        @Override
        void ended(String why) {
            h2.connectionClosed(why); // reports every stream still open
        }

        @Override
        public void onHead(int stream, int code) {
            status[stream] = code;
            if (code == 200) {
                group.ready++;
                paused = !group.reading;
            }
        }

        @Override
        public void onEvent(int stream, long sentNanos) {
            received(group, sentNanos);
        }

        @Override
        public void onEnd(int stream, String why) {
            open--;
            if (status[stream] == 200) {
                group.ended++;
            } else {
                group.fail(why != null ? why : status[stream] != 0 ? "status " + status[stream]
                        : "closed before the response head");
            }
        }
    }
}
