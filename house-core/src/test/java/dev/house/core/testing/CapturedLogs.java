package dev.house.core.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What house logs while a test runs, for claims about logging ("one INFO line", "logged with
 * its request id"). Captures everything under {@code dev.house} at {@code level} and above
 * (tests log at WARN otherwise) until closed; independent of which class does the logging.
 */
public final class CapturedLogs implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.house");
    private final Level previous = logger.getLevel();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLogs(Level level) {
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
    }

    public static CapturedLogs atLeast(Level level) {
        return new CapturedLogs(level);
    }

    /** The events so far, in order. */
    public List<ILoggingEvent> events() {
        synchronized (appender.list) {
            return List.copyOf(appender.list);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }
}
