package dev.house.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.house.core.RuntimeConfigs;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The acceptor's failure reports under a made-up clock. (FdExhaustionTest runs out of real
 * descriptors; this covers the case it cannot arrange: an acceptor at the limit that flaps
 * between failing and accepting, as every close lets one connection through.)
 */
class AcceptorLogTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private final Logger logger = (Logger) LoggerFactory.getLogger(Acceptor.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private ExecutorService workers;
    private ServerRuntime server;
    private Acceptor acceptor;
    private Level level;

    @BeforeEach
    void setUp() {
        level = logger.getLevel();
        logger.setLevel(Level.INFO);
        lines.start();
        logger.addAppender(lines);
        workers = Executors.newSingleThreadExecutor();
        server = new ServerRuntime(RuntimeConfigs.of(ServerConfig.defaults()), Router.builder().build(), null, workers, false,
                java.util.List.of(new dev.house.core.http1.Http1()));
        acceptor = new Acceptor(null, server, new EventLoop[0]);
    }

    @AfterEach
    void tearDown() {
        logger.detachAppender(lines);
        logger.setLevel(level);
        workers.shutdownNow();
    }

    @Test
    void aFlappingAcceptorLogsAtMostTwoLinesPerIntervalAndCountsEveryFailure() {
        IOException emfile = new IOException("Too many open files");
        long now = 0;
        for (int i = 0; i < 1000; i++) { // 1,000 fail-then-accept cycles within 9 s
            acceptor.failed(emfile, now);
            acceptor.failed(emfile, now + 1000);
            acceptor.recovered(now + 2000);
            now += 9 * SECOND / 1000;
        }
        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(0).getFormattedMessage()).startsWith("accept failed: Too many open files");
        assertThat(lines.list.get(1).getFormattedMessage())
                .isEqualTo("accepting again after 2 failed accepts in 0 ms (1 failures not logged)");
        assertThat(server.acceptFailures()).isEqualTo(2000);

        acceptor.failed(emfile, now + 10 * SECOND); // the next interval: reports what was not logged
        assertThat(lines.list).hasSize(3);
        assertThat(lines.list.get(2).getFormattedMessage()).contains("(1999 earlier failures not logged;");
    }
}
