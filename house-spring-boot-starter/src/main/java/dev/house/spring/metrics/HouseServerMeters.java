package dev.house.spring.metrics;

import dev.house.core.HouseServer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;

/**
 * Meters of a running {@link HouseServer}: the gauge {@value #CONNECTIONS} (open connections,
 * streams included) and the counters {@value #BYTES_RECEIVED} and {@value #BYTES_SENT},
 * {@value #CONNECTIONS_REFUSED} (503 at a connection limit, tagged {@code reason}
 * {@value #REASON_MAX_CONNECTIONS} or {@value #REASON_PER_ADDRESS}) and {@value #ACCEPT_FAILURES}
 * (accepts that failed, nearly always for want of file descriptors). They read the server's own
 * counters when scraped, so they cost nothing per request.
 *
 * <p>Deliberately not a {@code MeterBinder}: auto-configuration binds it itself, so the meters
 * exist with any registry, and Boot's metrics module does not bind it a second time.
 */
public final class HouseServerMeters {

    public static final String CONNECTIONS = "house.connections.active";
    public static final String BYTES_RECEIVED = "house.bytes.received";
    public static final String BYTES_SENT = "house.bytes.sent";
    public static final String CONNECTIONS_REFUSED = "house.connections.refused";
    public static final String ACCEPT_FAILURES = "house.accept.failures";
    public static final String REASON_MAX_CONNECTIONS = "max-connections";
    public static final String REASON_PER_ADDRESS = "max-connections-per-address";

    private final HouseServer server;

    public HouseServerMeters(HouseServer server) {
        this.server = server;
    }

    /** Registers the meters with {@code registry}. */
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(CONNECTIONS, server, HouseServer::connectionCount)
                .description("Open connections, streams included")
                .baseUnit(BaseUnits.CONNECTIONS)
                .strongReference(true)
                .register(registry);
        FunctionCounter.builder(BYTES_RECEIVED, server, HouseServer::bytesReceived)
                .description("Bytes read from clients")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
        FunctionCounter.builder(BYTES_SENT, server, HouseServer::bytesSent)
                .description("Bytes written to clients")
                .baseUnit(BaseUnits.BYTES)
                .register(registry);
        FunctionCounter.builder(CONNECTIONS_REFUSED, server, HouseServer::connectionsRefusedAtLimit)
                .description("Connections answered 503 and closed at a connection limit")
                .tag("reason", REASON_MAX_CONNECTIONS)
                .baseUnit(BaseUnits.CONNECTIONS)
                .register(registry);
        FunctionCounter.builder(CONNECTIONS_REFUSED, server, HouseServer::connectionsRefusedPerAddress)
                .description("Connections answered 503 and closed at a connection limit")
                .tag("reason", REASON_PER_ADDRESS)
                .baseUnit(BaseUnits.CONNECTIONS)
                .register(registry);
        FunctionCounter.builder(ACCEPT_FAILURES, server, HouseServer::acceptFailures)
                .description("Accepts that failed, nearly always for want of file descriptors")
                .register(registry);
    }
}
