package dev.house.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * Posts messages to {@code /send-message} at a target rate over a few pipelined keep-alive connections,
 * each message's text starting with the {@link System#nanoTime()} of its sending so subscribers
 * in this process can compute publish-to-receive latency. Posts do not wait for the previous
 * answer (see {@link #run}), so the asked rate is offered whatever the round trip; only a server
 * that leaves {@link #MAX_OUTSTANDING} posts of a connection unanswered makes the publisher fall
 * behind, and the achieved rate is reported. With
 * several servers (the nodes of a cluster) the connections are spread over them round-robin.
 * With a TLS context it posts over HTTPS ({@link javax.net.ssl.SSLSocket}).
 */
final class Publisher {
    private final List<InetSocketAddress> servers;
    private final String room;
    private final int padding;
    private final int connections;
    private final SSLContext tls; // null: plain HTTP

    Publisher(InetSocketAddress server, String room, int padding, int connections) {
        this(List.of(server), room, padding, connections, null);
    }

    /**
     * @param servers     the nodes to post to, connections spread over them round-robin
     * @param padding     bytes of filler after the timestamp, to reach a message size
     * @param connections parallel keep-alive connections sharing the rate
     * @param tls         the client context for HTTPS, or null for plain HTTP
     */
    Publisher(List<InetSocketAddress> servers, String room, int padding, int connections, SSLContext tls) {
        this.servers = List.copyOf(servers);
        this.room = room;
        this.padding = padding;
        this.connections = connections;
        this.tls = tls;
    }

    /** What one run achieved. */
    record Outcome(long sent, long failed, double achievedPerSecond, String firstFailure) {
    }

    /**
     * Publishes at {@code perSecond} for {@code duration}; returns when done and every answer is in.
     * Each connection is pipelined: a writer sends every post that is due (all overdue ones in one
     * write) without waiting for the answers, which a reader thread counts. So the rate the
     * publisher can offer does not hang on the round trip, and a slow server shows as answers
     * outstanding; only when {@link #MAX_OUTSTANDING} posts of a connection await their answers
     * does the writer wait, and the achieved rate falls short of the asked one.
     */
    Outcome run(double perSecond, Duration duration) throws InterruptedException {
        Counters counters = new Counters();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            double share = perSecond / connections;
            long offset = (long) (1e9 / perSecond * c);
            InetSocketAddress server = servers.get(c % servers.size());
            Thread t = new Thread(() -> publishAtRate(server, share, start + offset, end, counters), "publisher-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        // The rate offered over the step: the writers stop at its end, and answers that arrive
        // after it (a slow server) count to the step's posts, not as time the publisher took.
        return counters.outcome(duration.toNanos() / 1e9);
    }

    /**
     * S7's burst: {@code count} posts written back to back on one connection (one write, pipelined),
     * then their answers read; returns once every answer is in.
     */
    Outcome burst(int count) {
        Counters counters = new Counters();
        long start = System.nanoTime();
        Pipeline p = null;
        try {
            // a burst's last answer waits for every delivery of the burst: allow a slow (or shared) machine
            p = new Pipeline(new Connection(servers.get(0), BURST_ANSWER_TIMEOUT_MILLIS), counters);
            p.send(count);
        } catch (IOException e) {
            counters.fail(count, e.toString());
        }
        if (p != null) {
            p.finish();
        }
        return counters.outcome(Math.max(1, System.nanoTime() - start) / 1e9);
    }

    /**
     * How long a pipeline's reader with no answer to expect parks before checking again whether
     * the writer stopped; the writer wakes it at once when it sends.
     */
    static final long READER_IDLE_NANOS = 100_000_000;

    /** Times a reader parked with no answer to expect, all pipelines (tests: the reader does not poll). */
    final AtomicLong readerWaits = new AtomicLong();

    /**
     * A post whose answer takes longer fails the step. Generous, because some servers answer a
     * post only once they wrote its event to every subscriber (the MVC peer takes seconds at
     * 10,000): that is latency, which the subscribers' p99 measures and bounds, not a refused post.
     */
    static final int ANSWER_TIMEOUT_MILLIS = 30_000;
    static final int BURST_ANSWER_TIMEOUT_MILLIS = 120_000;

    /** At most this many posts of one connection await their answers; beyond it the writer waits. */
    static final int MAX_OUTSTANDING = 1_000;

    private void publishAtRate(InetSocketAddress server, double perSecond, long first, long end, Counters counters) {
        double interval = 1e9 / perSecond;
        long total = Math.max(1, (long) Math.ceil((end - first) / interval)); // posts this connection owes the step
        long written = 0; // posts written or given up (failed connects)
        Pipeline p = null;
        while (written < total) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            long due = now < first ? 0 : Math.min(total, 1 + (long) ((now - first) / interval));
            if (p != null && p.broken()) {
                p.finish();
                p = null;
            }
            long batch = Math.min(due - written, MAX_OUTSTANDING - (p == null ? 0 : p.outstanding()));
            if (batch <= 0) {
                // the next post's time, or, with the window full, a moment for answers to arrive
                long wait = due > written ? 50_000 : first + (long) (written * interval) - now;
                LockSupport.parkNanos(Math.max(10_000, Math.min(wait, end - now)));
                continue;
            }
            if (p == null) {
                try {
                    p = new Pipeline(new Connection(server, ANSWER_TIMEOUT_MILLIS), counters);
                } catch (IOException e) {
                    counters.fail(batch, "connect: " + e);
                    written += batch;
                    continue;
                }
            }
            written += batch;
            try {
                p.send((int) batch);
            } catch (IOException e) {
                p.fail(e); // its answers will never come: finish() counts them as failed
            }
        }
        if (p != null) {
            p.finish();
        }
    }

    /** Sent and failed posts of a run, shared by its connections' readers. */
    private static final class Counters {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<String> firstFailure = new AtomicReference<>();

        void fail(long posts, String why) {
            failed.addAndGet(posts);
            firstFailure.compareAndSet(null, why);
        }

        Outcome outcome(double seconds) {
            return new Outcome(sent.get(), failed.get(), sent.get() / seconds, firstFailure.get());
        }
    }

    /**
     * One pipelined connection: the caller's thread writes batches of posts, a reader thread reads
     * their answers in order and counts them. Posts written and never answered (the connection
     * broke or the server closed it) count as failed.
     */
    private final class Pipeline {
        final Connection connection;
        private final Counters counters;
        private final AtomicLong written = new AtomicLong();
        private final AtomicLong answered = new AtomicLong();
        private final AtomicReference<String> failure = new AtomicReference<>();
        private volatile boolean writing = true;
        private final Thread reader;

        Pipeline(Connection connection, Counters counters) {
            this.connection = connection;
            this.counters = counters;
            this.reader = new Thread(this::readAnswers, "publisher-reader");
            reader.setDaemon(true);
            reader.start();
        }

        long outstanding() {
            return written.get() - answered.get();
        }

        boolean broken() {
            return failure.get() != null;
        }

        void send(int posts) throws IOException {
            written.addAndGet(posts); // before the write: the reader must expect the answers at once
            LockSupport.unpark(reader);
            connection.post(posts);
        }

        void fail(Exception e) {
            failure.compareAndSet(null, e.toString());
            connection.close(); // wakes the reader out of a blocked read
        }

        /**
         * Stops writing and waits until every answer is read or the connection failed; posts
         * written and never answered count as failed.
         */
        void finish() {
            writing = false;
            LockSupport.unpark(reader);
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            connection.close();
            long lost = written.get() - answered.get();
            if (lost > 0) {
                counters.fail(lost, failure.get() == null ? "no answer" : failure.get());
            }
        }

        private void readAnswers() {
            try {
                while (failure.get() == null && (writing || answered.get() < written.get())) {
                    if (answered.get() == written.get()) {
                        // Nothing to read until the writer sends (it unparks this thread); a
                        // blocked read would time out between slow posts, and polling here
                        // cost the load client a busy core's worth of wake-ups at S2's rates.
                        readerWaits.incrementAndGet();
                        LockSupport.parkNanos(this, READER_IDLE_NANOS);
                        continue;
                    }
                    int status = connection.readResponse();
                    answered.incrementAndGet();
                    if (status >= 200 && status < 300) {
                        counters.sent.incrementAndGet();
                    } else {
                        counters.fail(1, "status " + status);
                    }
                    if (connection.mustClose && answered.get() < written.get()) {
                        throw new IOException("the server closed the connection (Connection: close) with posts in flight");
                    }
                    if (connection.mustClose) {
                        fail(new IOException("the server closed the connection (Connection: close)"));
                    }
                }
            } catch (IOException e) {
                fail(e);
            }
        }
    }

    /** One blocking keep-alive connection; answers may be read on another thread than the one writing. */
    private final class Connection {
        /** The request head up to the Content-Length value, the same for every post. */
        private final String headStart;
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] buf = new byte[8192];
        private int start; // unread answer bytes are buf[start, end)
        private int end;
        private final byte[] fill;
        boolean mustClose;

        Connection(InetSocketAddress server, int answerTimeoutMillis) throws IOException {
            headStart = "POST /send-message HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ";
            Socket tcp = new Socket();
            tcp.setTcpNoDelay(true);
            tcp.setSoTimeout(answerTimeoutMillis);
            tcp.connect(server, 5_000);
            socket = tls == null ? tcp
                    : tls.getSocketFactory().createSocket(tcp, server.getHostString(), server.getPort(), true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            fill = new byte[padding];
            Arrays.fill(fill, (byte) 'x');
        }

        /** Writes {@code posts} requests back to back in one write; the answers are read separately. */
        void post(int posts) throws IOException {
            java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream(posts * (headStart.length() + 64 + fill.length));
            for (int i = 0; i < posts; i++) {
                byte[] prefix = ("room=" + room + "&name=bench&message=" + System.nanoTime())
                        .getBytes(StandardCharsets.US_ASCII);
                batch.writeBytes((headStart + (prefix.length + fill.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                batch.writeBytes(prefix);
                batch.writeBytes(fill);
            }
            out.write(batch.toByteArray());
            out.flush();
        }

        /**
         * Reads one answer; returns its status code. Pipelined answers arrive back to back, so the
         * bytes read past this answer stay in the buffer for the next.
         */
        int readResponse() throws IOException {
            int headEnd;
            while ((headEnd = indexOfBlankLine(buf, start, end)) < 0) {
                if (start > 0) { // keep the partial head at the buffer's start
                    System.arraycopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buf.length) {
                    throw new IOException("response head too large");
                }
                int n = in.read(buf, end, buf.length - end);
                if (n < 0) {
                    throw new IOException("server closed the connection");
                }
                end += n;
            }
            String head = new String(buf, start, headEnd - start, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            int status = Integer.parseInt(head.substring(9, 12));
            mustClose = head.contains("\nconnection: close");
            start = headEnd;
            long bodyLeft = contentLength(head);
            while (bodyLeft > 0) {
                if (start == end) {
                    start = 0;
                    end = in.read(buf, 0, buf.length);
                    if (end < 0) {
                        end = 0;
                        throw new IOException("server closed the connection in a body");
                    }
                }
                int take = (int) Math.min(bodyLeft, end - start);
                start += take;
                bodyLeft -= take;
            }
            return status;
        }

        private static long contentLength(String head) {
            int i = head.indexOf("\ncontent-length:");
            if (i < 0) {
                return 0;
            }
            int eol = head.indexOf('\r', i + 1);
            return Long.parseLong(head.substring(i + 16, eol).trim());
        }

        /** The index just past the first blank line (CRLF CRLF) in {@code b[from, to)}, or -1. */
        static int indexOfBlankLine(byte[] b, int from, int to) {
            for (int i = from + 3; i < to; i++) {
                if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                    return i + 1;
                }
            }
            return -1;
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
