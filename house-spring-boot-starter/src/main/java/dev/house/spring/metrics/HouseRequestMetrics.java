package dev.house.spring.metrics;

import dev.house.core.http.ExchangeListener;
import dev.house.core.http.Request;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts handler failures in {@value #FAILURES}, tagged with {@code exception}: requests whose
 * handler threw (answered 500) or whose client left first. Nothing is done for a request that
 * succeeds. Requests are timed once, by the {@code http.server.requests} observation
 * ({@code dev.house.spring.observation.HouseServerObservations}), which Boot turns into a timer of
 * that name with {@code method}, {@code uri}, {@code status}, {@code outcome}, {@code exception}
 * and {@code protocol} tags; the starter's own {@code house.http.server.requests} timer, which timed
 * every request a second time (same tags, without {@code exception} and {@code protocol}), is gone.
 */
public final class HouseRequestMetrics implements ExchangeListener {

    /** Counter of requests whose handler threw (answered 500) or whose client left first. */
    public static final String FAILURES = "house.http.server.failures";

    private final MeterRegistry registry;

    public HouseRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void failed(Request request, Throwable error) {
        Counter.builder(FAILURES)
                .description("Requests whose handling failed or whose client left first")
                .tag("exception", error.getClass().getSimpleName())
                .register(registry)
                .increment();
    }
}
