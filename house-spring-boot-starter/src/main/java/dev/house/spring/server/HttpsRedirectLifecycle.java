package dev.house.spring.server;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.tls.HttpsRedirect;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * A second, plain-HTTP house listener ({@code house.ssl.redirect-port}) that answers every
 * request with a 308 to the same host and path on the HTTPS server. It starts after the HTTPS
 * server (whose bound port it redirects to) and stops before it; its port is published as
 * {@value #PORT_PROPERTY}.
 */
public final class HttpsRedirectLifecycle implements SmartLifecycle {

    /** The environment property holding the redirect listener's bound port. */
    public static final String PORT_PROPERTY = "local.house.redirect-port";

    private final HouseServer https;
    private final ServerConfig config;
    private final ConfigurableApplicationContext context;
    private volatile @Nullable HouseServer redirect;

    /** @param config the plain listener's settings (port and address included) */
    public HttpsRedirectLifecycle(HouseServer https, ServerConfig config, ConfigurableApplicationContext context) {
        this.https = https;
        this.config = config;
        this.context = context;
    }

    @Override
    public void start() {
        HouseServer server = HouseServer.builder().config(config).router(HttpsRedirect.to(https.port())).build();
        server.start();
        redirect = server;
        HouseServerLifecycle.publishPort(context, PORT_PROPERTY, server.port());
    }

    @Override
    public void stop() {
        HouseServer server = redirect;
        redirect = null;
        if (server != null) {
            server.stop();
        }
    }

    @Override
    public boolean isRunning() {
        return redirect != null;
    }

    /** Right after the HTTPS server's phase: started after it, stopped before it. */
    @Override
    public int getPhase() {
        return HouseServerLifecycle.PHASE + 1;
    }

    @Override
    public boolean isPauseable() {
        return false;
    }

    /** The bound port, or -1 while not started. */
    public int port() {
        HouseServer server = redirect;
        return server == null ? -1 : server.port();
    }
}
