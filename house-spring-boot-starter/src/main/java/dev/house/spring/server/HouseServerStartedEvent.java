package dev.house.spring.server;

import dev.house.core.HouseServer;
import org.springframework.context.ApplicationEvent;

/** Published once the house server listens; {@link #getPort()} is the port it bound. */
public class HouseServerStartedEvent extends ApplicationEvent {

    private final int port;

    public HouseServerStartedEvent(HouseServer server) {
        super(server);
        this.port = server.port();
    }

    public HouseServer getServer() {
        return (HouseServer) getSource();
    }

    public int getPort() {
        return port;
    }
}
