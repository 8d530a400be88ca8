package dev.house.core;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * The process's file-descriptor limit, when the JDK can tell it, and the connection limit that
 * leaves room under it: every connection is a descriptor, and so are the JVM's jars, log files,
 * the Redis broker's sockets and the server's own selectors. Running out makes accept() fail for
 * everyone, so the default connection limit stays below it and 503 answers come first.
 */
final class FileDescriptors {

    /** The connection limit when the fd limit is unknown or generous. */
    static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    private static final long LIMIT = readLimit();

    private FileDescriptors() {
    }

    /** The process's maximum number of open file descriptors, or -1 when the JDK cannot tell. */
    static long processLimit() {
        return LIMIT;
    }

    /** Descriptors kept free for everything but connections: an eighth of the limit, at least 64. */
    static long headroom(long limit) {
        return Math.max(64, limit / 8);
    }

    /** {@value #DEFAULT_MAX_CONNECTIONS}, or less when the fd limit minus its headroom is lower (never below 1). */
    static int defaultMaxConnections(long limit) {
        if (limit <= 0) {
            return DEFAULT_MAX_CONNECTIONS;
        }
        return (int) Math.max(1, Math.min(DEFAULT_MAX_CONNECTIONS, limit - headroom(limit)));
    }

    private static long readLimit() {
        try {
            OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
                return unix.getMaxFileDescriptorCount();
            }
        } catch (LinkageError | RuntimeException e) {
            // jdk.management absent (a trimmed runtime image) or refused: the limit is unknown
        }
        return -1;
    }
}
