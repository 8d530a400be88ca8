package dev.house.bench.housecore;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Response;

/**
 * House-core alone, no Spring, serving the bench endpoints. Handlers that never block run on the
 * event loop ({@link Execution#EVENT_LOOP}), as house recommends for them; the connection cap is
 * raised past the default 10,000 so the idle-streams scenario meets the fd limit first, as it is
 * for every peer.
 */
public final class HouseCoreApp {
    private HouseCoreApp() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "8080"));
        Router router = Router.builder()
                .route(HttpMethod.GET, "/hello", req -> Response.text("Hello, world"), Execution.EVENT_LOOP)
                .build();
        HouseServer server = HouseServer.builder()
                .config(ServerConfig.builder().port(port).maxConnections(100_000).backlog(4096).build())
                .router(router)
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "house-stop"));
        System.out.println("house-core app listening on " + server.port());
    }
}
