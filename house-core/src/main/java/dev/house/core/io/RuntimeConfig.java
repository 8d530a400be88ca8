package dev.house.core.io;

import dev.house.core.http.ErrorFormat;
import dev.house.core.http.HttpLimits;
import dev.house.core.tls.TlsConfig;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Set;

/**
 * The settings the running server and its protocols read, handed down by the assembly
 * ({@code HouseServer} maps its {@code ServerConfig} onto this). The I/O layer takes its own record
 * rather than {@code ServerConfig} so that it does not depend on the root package that builds it:
 * the assembly uses {@code io}, never the other way round. Validation is {@code ServerConfig}'s;
 * this only carries the values.
 */
public record RuntimeConfig(
        InetAddress address,
        int port,
        int backlog,
        int eventLoops,
        Duration requestTimeout,
        Duration idleTimeout,
        Duration shutdownGracePeriod,
        Duration streamDrain,
        int maxConnections,
        int maxConnectionsPerAddress,
        Set<InetAddress> trustedProxies,
        TlsConfig tls,
        HttpLimits limits,
        ErrorFormat errorFormat,
        int maxPendingOutput,
        long streamMaxPendingBytes) {
}
