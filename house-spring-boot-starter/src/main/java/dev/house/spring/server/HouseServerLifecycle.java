package dev.house.spring.server;

import dev.house.core.HouseServer;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Runs a {@link HouseServer} with the application context: starts it when the context is
 * refreshed, publishes its bound port as {@value #PORT_PROPERTY} and announces it with a
 * {@link HouseServerStartedEvent}; stops it in its own phase when the context closes, letting
 * in-flight requests finish within the server's grace period before streams are ended.
 *
 * <p>The server's event-loop threads are not daemons, so an application without any other
 * server keeps running for as long as house does. A stopped server cannot be started again.
 */
public final class HouseServerLifecycle implements SmartLifecycle {

    /** The environment property holding the bound port, like Boot's {@code local.server.port}. */
    public static final String PORT_PROPERTY = "local.house.port";

    /** Boot's property for the web server's port, published too when house is the only web server. */
    public static final String SERVER_PORT_PROPERTY = "local.server.port";

    /**
     * The phase of this lifecycle: after ordinary beans are stopped (they may still publish to
     * streams while they wind down), before the ones that must outlive the server.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

    private static final String PROPERTY_SOURCE_NAME = "house.ports";
    private static final Logger log = LoggerFactory.getLogger(HouseServerLifecycle.class);

    private final HouseServer server;
    private final ConfigurableApplicationContext context;
    private final boolean applicationServer;
    private volatile boolean running;

    public HouseServerLifecycle(HouseServer server, ConfigurableApplicationContext context) {
        this(server, context, false);
    }

    /**
     * @param applicationServer whether house is the application's only web server, so that its port
     *        is also published as {@value #SERVER_PORT_PROPERTY} (what {@code @LocalServerPort} reads)
     */
    public HouseServerLifecycle(HouseServer server, ConfigurableApplicationContext context, boolean applicationServer) {
        this.server = server;
        this.context = context;
        this.applicationServer = applicationServer;
    }

    @Override
    public void start() {
        server.start();
        running = true;
        publishPort(context, PORT_PROPERTY, server.port());
        if (applicationServer) {
            publishPort(context, SERVER_PORT_PROPERTY, server.port());
        }
        context.publishEvent(new HouseServerStartedEvent(server));
    }

    @Override
    public void stop() {
        if (applicationServer && context.isActive()) {
            // As Boot's servlet and reactive contexts do before their server drains: readiness
            // probes answer OUT_OF_SERVICE while in-flight requests finish.
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        }
        try {
            server.stop();
        } finally {
            running = false;
        }
    }

    /**
     * Stops on a thread of its own, so the server's graceful drain runs alongside the other
     * lifecycles of this phase instead of holding up the thread that closes the context.
     */
    @Override
    public void stop(Runnable callback) {
        Thread stopper = new Thread(() -> {
            try {
                stop();
            } catch (RuntimeException ex) {
                log.warn("house server did not stop cleanly", ex);
            } finally {
                callback.run();
            }
        }, "house-shutdown");
        stopper.start();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Not pauseable: a stopped server cannot be started again, so a context that stops its
     * pauseable lifecycles for a while and restarts them (Spring's test context cache does so
     * between test classes sharing a context) must leave this one running.
     */
    @Override
    public boolean isPauseable() {
        return false;
    }

    /** The bound port, or -1 while the server is not started. */
    public int port() {
        return server.port();
    }

    /** Puts the port in this context's environment and its ancestors', as Boot does for web servers. */
    static void publishPort(ApplicationContext context, String property, int port) {
        for (ApplicationContext current = context; current != null; current = current.getParent()) {
            Environment environment = current.getEnvironment();
            if (environment instanceof ConfigurableEnvironment configurable) {
                portSource(configurable.getPropertySources()).put(property, String.valueOf(port));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> portSource(MutablePropertySources sources) {
        PropertySource<?> source = sources.get(PROPERTY_SOURCE_NAME);
        if (source == null) {
            source = new MapPropertySource(PROPERTY_SOURCE_NAME, new HashMap<>());
            sources.addFirst(source);
        }
        return (Map<String, Object>) source.getSource();
    }
}
