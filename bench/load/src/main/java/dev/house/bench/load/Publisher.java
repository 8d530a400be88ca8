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
 * Posts messages to {@code /send-message} at a target rate over a few keep-alive connections,
 * each message's text starting with the {@link System#nanoTime()} of its sending so subscribers
 * in this process can compute publish-to-receive latency. When the server answers slower than
 * the rate, the publisher falls behind instead of queueing: the achieved rate is reported. With
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

    /** Publishes at {@code perSecond} for {@code duration}; returns when done. */
    Outcome run(double perSecond, Duration duration) throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = (long) (1e9 * connections / perSecond);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long offset = interval * c / connections;
            InetSocketAddress server = servers.get(c % servers.size());
            Thread t = new Thread(() -> {
                Connection conn = null;
                long next = start + offset;
                while (next < end && System.nanoTime() < end) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    try {
                        if (conn == null) {
                            conn = new Connection(server);
                        }
                        int status = conn.post();
                        if (status >= 200 && status < 300) {
                            sent.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, "status " + status);
                        }
                        if (conn.mustClose) {
                            conn.close();
                            conn = null;
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                        if (conn != null) {
                            conn.close();
                        }
                        conn = null;
                    }
                    next += interval;
                }
                if (conn != null) {
                    conn.close();
                }
            }, "publisher-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = Math.max(duration.toNanos(), System.nanoTime() - start) / 1e9;
        return new Outcome(sent.get(), failed.get(), sent.get() / seconds, firstFailure.get());
    }

    /** One blocking keep-alive connection. */
    private final class Connection {
        /** The request head up to the Content-Length value, the same for every post. */
        private final String headStart;
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] buf = new byte[8192];
        private final byte[] fill;
        boolean mustClose;

        Connection(InetSocketAddress server) throws IOException {
            headStart = "POST /send-message HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ";
            Socket tcp = new Socket();
            tcp.setTcpNoDelay(true);
            tcp.setSoTimeout(5_000);
            tcp.connect(server, 5_000);
            socket = tls == null ? tcp
                    : tls.getSocketFactory().createSocket(tcp, server.getHostString(), server.getPort(), true);
            out = socket.getOutputStream();
            in = socket.getInputStream();
            fill = new byte[padding];
            Arrays.fill(fill, (byte) 'x');
        }

        /** One request and its response; returns the response's status code. */
        int post() throws IOException {
            byte[] prefix = ("room=" + room + "&name=bench&message=" + System.nanoTime())
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] head = (headStart + (prefix.length + fill.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] req = new byte[head.length + prefix.length + fill.length];
            System.arraycopy(head, 0, req, 0, head.length);
            System.arraycopy(prefix, 0, req, head.length, prefix.length);
            System.arraycopy(fill, 0, req, head.length + prefix.length, fill.length);
            out.write(req);
            out.flush();
            return readResponse();
        }

        private int readResponse() throws IOException {
            int len = 0;
            int headEnd = -1;
            while (headEnd < 0) {
                int n = in.read(buf, len, buf.length - len);
                if (n < 0) {
                    throw new IOException("server closed the connection");
                }
                len += n;
                headEnd = indexOfBlankLine(buf, len);
                if (headEnd < 0 && len == buf.length) {
                    throw new IOException("response head too large");
                }
            }
            String head = new String(buf, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            int status = Integer.parseInt(head.substring(9, 12));
            mustClose = head.contains("\nconnection: close");
            long bodyLeft = contentLength(head) - (len - headEnd);
            while (bodyLeft > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, bodyLeft));
                if (n < 0) {
                    throw new IOException("server closed the connection in a body");
                }
                bodyLeft -= n;
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

        private static int indexOfBlankLine(byte[] b, int len) {
            for (int i = 3; i < len; i++) {
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
