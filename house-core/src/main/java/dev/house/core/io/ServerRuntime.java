package dev.house.core.io;

import dev.house.core.ServerConfig;
import dev.house.core.http.RequestRouter;
import java.util.concurrent.ExecutorService;

/** The running parts of a server: acceptor, event loops and workers, and their lifecycle. */
public final class ServerRuntime {
    private final ServerConfig config;

    public ServerRuntime(ServerConfig config, RequestRouter router, ExecutorService workers) {
        this.config = config;
    }

    public void start() {
        throw new UnsupportedOperationException("not yet written");
    }

    public int port() {
        return -1;
    }

    public int connectionCount() {
        return 0;
    }

    public boolean isRunning() {
        return false;
    }

    public ServerConfig config() {
        return config;
    }

    public void stop() {
    }
}
