package dev.house.bench.housecore;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.tls.TlsConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.FormDecoder;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseEvent;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * House-core alone, no Spring, serving the bench endpoints with SSE channels at their defaults.
 * None of the handlers blocks, so all run on the event loop ({@link Execution#EVENT_LOOP}), as
 * house recommends for such handlers; the connection cap is raised past the default 10,000 so
 * the idle-streams scenario meets the fd limit first, as it does for every peer.
 */
public final class HouseCoreApp {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HouseCoreApp() {
    }

    /** The JSON published to a room. */
    record Message(String name, String message, long at) {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("SERVER_PORT", "8080"));
        SseChannels sse = SseChannels.create();
        Router router = Router.builder()
                .route(HttpMethod.GET, "/hello", req -> Response.text("Hello, world"), Execution.EVENT_LOOP)
                .route(HttpMethod.GET, "/source", req -> sse.subscribe(req, List.of(required(req.queryParameter("room"),
                        "room"))), Execution.EVENT_LOOP)
                .route(HttpMethod.POST, "/send-message", req -> publish(sse, req), Execution.EVENT_LOOP)
                .build();
        ServerConfig.Builder config = ServerConfig.builder().port(port).maxConnections(100_000).backlog(4096);
        String keyStore = System.getenv("TLS_KEYSTORE"); // a PKCS12 file: serve HTTPS instead (TLS variants)
        if (keyStore != null) {
            config.tls(TlsConfig.of(tlsContext(keyStore, System.getenv().getOrDefault("TLS_PASSWORD", "changeit"))));
        }
        HouseServer server = HouseServer.builder()
                .config(config.build())
                .router(router)
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "house-stop"));
        System.out.println("house-core app listening on " + server.port());
    }

    private static SSLContext tlsContext(String file, String password) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the TLS key store " + file + ": " + e.getMessage(), e);
        }
    }

    private static Response publish(SseChannels sse, Request req) {
        String room;
        String name;
        String message;
        if ("application/json".equals(req.mediaType())) {
            JsonNode tree = JSON.readTree(req.bodyText());
            room = tree.path("room").asString(null);
            name = tree.path("name").asString(null);
            message = tree.path("message").asString(null);
        } else {
            Map<String, List<String>> form = FormDecoder.decode(req.body() == null ? "" : req.bodyText(), "form");
            room = first(form, "room");
            name = first(form, "name");
            message = first(form, "message");
        }
        String data = JSON.writeValueAsString(new Message(required(name, "name"), required(message, "message"),
                System.currentTimeMillis()));
        sse.publish(required(room, "room"), SseEvent.data(data));
        return Response.of(HttpStatus.NO_CONTENT);
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String required(String value, String name) {
        if (value == null) {
            throw HttpException.badRequest("Missing " + name);
        }
        return value;
    }
}
