package dev.house.spring.metrics;

import dev.house.core.http.ExchangeListener;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Records every exchange in the timer {@value #REQUESTS} tagged with {@code method},
 * {@code uri} (the route's path template, never the raw path), {@code status} and
 * {@code outcome}, and counts handler failures in {@value #FAILURES} tagged with
 * {@code exception}. The time is from the request being parsed to its response being queued;
 * for a stream that is the time to open it.
 */
public final class HouseRequestMetrics implements ExchangeListener {

    /** Timer of answered requests. */
    public static final String REQUESTS = "house.http.server.requests";

    /** Counter of requests whose handler threw (answered 500) or whose client left first. */
    public static final String FAILURES = "house.http.server.failures";

    /** The {@code uri} tag of requests no route answered with 404. */
    static final String URI_NOT_FOUND = "NOT_FOUND";

    /** The {@code uri} tag of requests answered before reaching a route (parse errors, limits). */
    static final String URI_UNKNOWN = "UNKNOWN";

    private final MeterRegistry registry;

    // Route templates and statuses are few, so this stays small; it spares building tags per request.
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    public HouseRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void completed(Request request, @Nullable Route route, Response response, long nanos) {
        TimerKey key = new TimerKey(request.method(), uri(route, response), response.status().code());
        timers.computeIfAbsent(key, this::timer).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed(Request request, Throwable error) {
        Counter.builder(FAILURES)
                .description("Requests whose handling failed or whose client left first")
                .tag("exception", error.getClass().getSimpleName())
                .register(registry)
                .increment();
    }

    private Timer timer(TimerKey key) {
        return Timer.builder(REQUESTS)
                .description("Duration of HTTP requests served by house")
                .tags(Tags.of("method", key.method().name(), "uri", key.uri(),
                        "status", Integer.toString(key.status()),
                        "outcome", Outcome.forStatus(key.status()).name()))
                .register(registry);
    }

    private static String uri(@Nullable Route route, Response response) {
        if (route != null && !route.template().isEmpty()) {
            return route.template();
        }
        return response.status().code() == 404 ? URI_NOT_FOUND : URI_UNKNOWN;
    }

    private record TimerKey(HttpMethod method, String uri, int status) {
    }
}
