package dev.house.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The publisher against a fake server that answers every post a fixed delay after it arrived. */
class PublisherTest {
    private static final byte[] POST = "POST /send-message".getBytes(StandardCharsets.US_ASCII);
    private final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
    private ServerSocket listener;
    private final AtomicInteger received = new AtomicInteger();

    @AfterEach
    void stop() throws IOException {
        answers.shutdownNow();
        if (listener != null) {
            listener.close();
        }
    }

    /**
     * Starts a server answering each post {@code delayMillis} after it arrived, with a two-byte body;
     * after {@code closeAfter} answers it says Connection: close and closes (0: never).
     */
    private InetSocketAddress serverAnsweringAfter(long delayMillis, int closeAfter) throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = listener.accept();
                    Thread t = new Thread(() -> serve(s, delayMillis, closeAfter));
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                // the test ended
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    private void serve(Socket s, long delayMillis, int closeAfter) {
        AtomicInteger answered = new AtomicInteger();
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            byte[] buf = new byte[16384];
            int matched = 0; // bytes of POST matched so far, across reads
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    matched = buf[i] == POST[matched] ? matched + 1 : (buf[i] == POST[0] ? 1 : 0);
                    if (matched == POST.length) {
                        matched = 0;
                        received.incrementAndGet();
                        answers.schedule(() -> {
                            int number = answered.incrementAndGet();
                            boolean close = closeAfter > 0 && number == closeAfter;
                            if (closeAfter > 0 && number > closeAfter) {
                                return;
                            }
                            try {
                                out.write(("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                                        + (close ? "Connection: close\r\n" : "") + "\r\nok")
                                        .getBytes(StandardCharsets.US_ASCII));
                                if (close) {
                                    s.close();
                                }
                            } catch (IOException gone) {
                                // the client left
                            }
                        }, delayMillis, TimeUnit.MILLISECONDS);
                    }
                }
            }
            answers.schedule(() -> { }, delayMillis + 10, TimeUnit.MILLISECONDS).get(); // answers out before close
        } catch (Exception ended) {
            // the client or the test closed the connection
        }
    }

    @Test
    void reachesTheAskedRateOnOneConnectionWhenEachAnswerTakesFarLongerThanTheInterval() throws Exception {
        InetSocketAddress server = serverAnsweringAfter(50, 0);
        // one answer per 50 ms round trip would cap a post-and-wait publisher at 20/s
        Publisher.Outcome out = new Publisher(server, "r", 0, 1).run(400, Duration.ofSeconds(1));

        assertThat(out.failed()).isZero();
        assertThat(out.sent()).isBetween(360L, 401L);
        assertThat(out.achievedPerSecond()).isGreaterThan(340);
    }

    @Test
    void theAnswerReaderSleepsUntilAPostIsSentInsteadOfPolling() throws Exception {
        InetSocketAddress server = serverAnsweringAfter(1, 0);
        Publisher publisher = new Publisher(server, "r", 0, 1);
        // 8 posts 250 ms apart: the reader has nothing to read nearly all the time
        Publisher.Outcome out = publisher.run(4, Duration.ofSeconds(2));

        assertThat(out.failed()).isZero();
        assertThat(out.sent()).isBetween(7L, 9L);
        // woken by each post, else every READER_IDLE_NANOS to see whether the writer stopped
        long idleChecks = Duration.ofSeconds(2).toNanos() / Publisher.READER_IDLE_NANOS;
        assertThat(publisher.readerWaits.get()).isLessThanOrEqualTo(2 * out.sent() + idleChecks + 5);
    }

    @Test
    void answersArrivingAfterTheStepDoNotLowerTheAchievedRate() throws Exception {
        InetSocketAddress server = serverAnsweringAfter(600, 0);
        // every answer is late, the last ones come well after the step ended
        Publisher.Outcome out = new Publisher(server, "r", 0, 2).run(20, Duration.ofSeconds(1));

        assertThat(out.failed()).isZero();
        assertThat(out.sent()).isBetween(19L, 21L);
        assertThat(out.achievedPerSecond()).isGreaterThanOrEqualTo(19);
    }

    @Test
    void aBurstIsAllItsPostsBackToBackOnOneConnectionEachAnswered() throws Exception {
        InetSocketAddress server = serverAnsweringAfter(5, 0);
        Publisher.Outcome out = new Publisher(server, "r", 100, 1).burst(50);

        assertThat(out.sent()).isEqualTo(50);
        assertThat(out.failed()).isZero();
        assertThat(received.get()).isEqualTo(50);
    }

    @Test
    void postsInFlightWhenTheServerClosesCountAsFailed() throws Exception {
        InetSocketAddress server = serverAnsweringAfter(5, 10);
        Publisher.Outcome out = new Publisher(server, "r", 0, 1).burst(50);

        assertThat(out.sent()).isEqualTo(10);
        assertThat(out.failed()).isEqualTo(40);
        assertThat(out.firstFailure()).contains("Connection: close");
    }
}
