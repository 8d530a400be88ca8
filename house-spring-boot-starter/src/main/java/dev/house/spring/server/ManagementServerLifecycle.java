package dev.house.spring.server;

import dev.house.core.HouseServer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The house listener of {@code management.server.port}: Actuator on a port of its own. It starts
 * before the application's house server and stops after it, so that probes still answer (with
 * readiness OUT_OF_SERVICE) while the application's server drains. Its port is published as
 * {@value #PORT_PROPERTY}, what {@code @LocalManagementPort} reads.
 */
public final class ManagementServerLifecycle implements SmartLifecycle {

    /** Boot's property for the management server's bound port. */
    public static final String PORT_PROPERTY = "local.management.port";

    private final Supplier<HouseServer> servers;
    private final ConfigurableApplicationContext context;
    private volatile @Nullable HouseServer server;

    /**
     * @param servers builds the management listener on start, once every singleton exists (its
     *        routes come from the endpoints those singletons make up)
     */
    public ManagementServerLifecycle(Supplier<HouseServer> servers, ConfigurableApplicationContext context) {
        this.servers = servers;
        this.context = context;
    }

    @Override
    public void start() {
        HouseServer started = servers.get().start();
        server = started;
        HouseServerLifecycle.publishPort(context, PORT_PROPERTY, started.port());
    }

    @Override
    public void stop() {
        HouseServer running = server;
        server = null;
        if (running != null) {
            running.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** Below the application server's phase: started before it, stopped once it has drained. */
    @Override
    public int getPhase() {
        return HouseServerLifecycle.PHASE - 1;
    }

    @Override
    public boolean isPauseable() {
        return false;
    }

    /** The bound port, or -1 while not started. */
    public int port() {
        HouseServer running = server;
        return running == null ? -1 : running.port();
    }
}
