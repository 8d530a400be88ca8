package dev.house.spring.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client for tests of house applications, talking HTTP/1.1 over loopback to the running
 * server, the way {@code WebTestClient} does for WebFlux:
 *
 * <pre>{@code
 * @SpringBootTest(properties = "house.port=0")
 * class OrderTests {
 *     @Autowired HouseTestClient client;
 *
 *     @Test
 *     void anOrderReachesItsSubscribers() {
 *         try (SseSubscription stream = client.sse("/orders/stream").open()) {
 *             client.post("/orders").json(new Order("tea", 2)).exchange()
 *                     .expectStatus(200)
 *                     .expectJsonPath("$.id", id -> assertThat(id).isNotNull());
 *             stream.awaitEvent(e -> e.data().contains("tea"), Duration.ofSeconds(5));
 *         }
 *     }
 * }
 * }</pre>
 *
 * In a {@code @SpringBootTest} a client bound to {@code local.house.port} is a bean; elsewhere
 * {@link #bindToPort(int)} makes one. Safe to share between threads.
 */
public final class HouseTestClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final IntSupplier port;
    private final String host;
    private final HttpClient http;
    private final JsonMapper mapper;
    private final Map<String, String> defaultHeaders;

    private HouseTestClient(IntSupplier port, String host, JsonMapper mapper, Map<String, String> defaultHeaders) {
        this.port = port;
        this.host = host;
        this.mapper = mapper;
        this.defaultHeaders = Map.copyOf(defaultHeaders);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A client for the house server listening on {@code port} of the loopback interface. */
    public static HouseTestClient bindToPort(int port) {
        return new HouseTestClient(() -> port, "127.0.0.1", JsonMapper.shared(), Map.of());
    }

    /**
     * A client for the house server of {@code environment}'s application, whose port
     * ({@code local.house.port}) is read at each request, so the client may be made before the
     * server has started.
     */
    public static HouseTestClient bindTo(Environment environment) {
        return new HouseTestClient(() -> {
            Integer port = environment.getProperty("local.house.port", Integer.class);
            if (port == null) {
                throw new IllegalStateException("the house server has not started (no local.house.port)");
            }
            return port;
        }, "127.0.0.1", JsonMapper.shared(), Map.of());
    }

    /** This client writing and reading JSON with {@code mapper} (the application's, say). */
    public HouseTestClient withJsonMapper(JsonMapper mapper) {
        return new HouseTestClient(port, host, mapper, defaultHeaders);
    }

    /** This client sending {@code name: value} with every request. */
    public HouseTestClient withDefaultHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(defaultHeaders);
        headers.put(name, value);
        return new HouseTestClient(port, host, mapper, headers);
    }

    public RequestSpec get(String path) {
        return request("GET", path);
    }

    public RequestSpec post(String path) {
        return request("POST", path);
    }

    public RequestSpec put(String path) {
        return request("PUT", path);
    }

    public RequestSpec delete(String path) {
        return request("DELETE", path);
    }

    /** A request of any method. */
    public RequestSpec request(String method, String path) {
        return new RequestSpec(method, path);
    }

    /** A server-sent event stream to open; see {@link SseSpec#open()}. */
    public SseSpec sse(String path) {
        return new SseSpec(path);
    }

    /** The URI of {@code path} on the server. */
    public URI uri(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with '/': " + path);
        }
        return URI.create("http://" + host + ":" + port.getAsInt() + path);
    }

    JsonMapper mapper() {
        return mapper;
    }

    /** One request being described; {@link #exchange()} sends it. */
    public final class RequestSpec {
        private final HttpRequest.Builder request;
        private final String method;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        RequestSpec(String method, String path) {
            this.method = method;
            this.request = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
            defaultHeaders.forEach(request::header);
        }

        public RequestSpec header(String name, String value) {
            request.header(name, value);
            return this;
        }

        /** {@code value} as the JSON body, written by this client's mapper. */
        public RequestSpec json(Object value) {
            return body(mapper.writeValueAsString(value), "application/json");
        }

        /** {@code text} as the body, with its content type. */
        public RequestSpec body(String text, String contentType) {
            request.header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
            return this;
        }

        /** Sends the request and waits for the whole response. */
        public TestExchange exchange() {
            HttpRequest built = request.method(method, body).build();
            try {
                HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new TestExchange(built, response, mapper);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(method + " " + built.uri() + " was interrupted", ex);
            } catch (java.io.IOException ex) {
                throw new AssertionError(method + " " + built.uri() + " failed: " + ex, ex);
            }
        }
    }

    /** A server-sent event stream being described; {@link #open()} connects it. */
    public final class SseSpec {
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private @Nullable String lastEventId;

        SseSpec(String path) {
            this.path = path;
        }

        public SseSpec header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** Resumes after the event {@code id}, sent as {@code Last-Event-ID}. */
        public SseSpec lastEventId(String id) {
            this.lastEventId = id;
            return this;
        }

        /** Connects, failing unless the server answers 200 with {@code text/event-stream}. */
        public SseSubscription open() {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream");
            defaultHeaders.forEach(request::header);
            headers.forEach(request::header);
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            return SseSubscription.open(http, request.GET().build(), this::reopen);
        }

        /** Waits for the first event {@code condition} accepts, then closes the stream. */
        public ServerSentEvent awaitEvent(java.util.function.Predicate<ServerSentEvent> condition, Duration timeout) {
            try (SseSubscription subscription = open()) {
                return subscription.awaitEvent(condition, timeout);
            }
        }

        private SseSpec reopen(String lastId) {
            SseSpec again = new SseSpec(path);
            again.headers.putAll(headers);
            again.lastEventId = lastId;
            return again;
        }
    }
}
