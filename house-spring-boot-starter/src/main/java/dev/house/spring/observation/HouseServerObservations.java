package dev.house.spring.observation;

import dev.house.core.http.Interceptor;
import dev.house.core.http.ExchangeListener;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Observes each house exchange as an {@code http.server.requests} observation. As a listener it
 * starts the observation when the request is parsed (reading the caller's trace context from its
 * headers), names the route template once routed and stops it when the response is queued; as
 * the first interceptor it opens the observation's scope on the thread that runs the handler (a
 * worker or virtual thread, or the event loop) and closes it when the handler is done, so that
 * tracing makes the span current there and puts its ids in the MDC of the handler's log lines.
 */
public final class HouseServerObservations implements ExchangeListener, Interceptor {

    private static final String ATTRIBUTE = HouseServerObservations.class.getName();
    private static final HouseServerRequestObservationConvention DEFAULT =
            new DefaultHouseServerRequestObservationConvention();

    private final ObservationRegistry registry;
    private final @Nullable HouseServerRequestObservationConvention convention;

    /** @param convention the application's convention, or {@code null} for the default */
    public HouseServerObservations(ObservationRegistry registry,
                                   @Nullable HouseServerRequestObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public void received(Request request) {
        if (registry.isNoop()) {
            return; // no handler would see it: no context, no attribute, nothing later in the exchange
        }
        HouseServerRequestObservationContext context = new HouseServerRequestObservationContext(request);
        Observation observation = Observation.createNotStarted(convention, DEFAULT, () -> context, registry).start();
        request.attribute(ATTRIBUTE, new Exchange(observation, context));
    }

    @Override
    public void routed(Request request, Route route) {
        Exchange exchange = exchange(request);
        if (exchange != null && !route.template().isEmpty()) {
            exchange.context.setPathPattern(route.template());
        }
    }

    @Override
    public @Nullable Response before(Request request) {
        Exchange exchange = exchange(request);
        if (exchange != null) {
            exchange.openScope();
        }
        return null;
    }

    @Override
    public Response after(Request request, Response response) {
        Exchange exchange = exchange(request);
        if (exchange != null) {
            exchange.closeScope();
        }
        return response;
    }

    @Override
    public void failed(Request request, Throwable error) {
        Exchange exchange = exchange(request);
        if (exchange == null) {
            return;
        }
        exchange.observation.error(error);
        // A handler that threw skips the interceptors' after(); house reports it here, on the
        // handler's own thread, so the scope is closed where it was opened.
        exchange.closeScope();
        if (error instanceof IOException) {
            // The client left: no response will be completed for this exchange.
            exchange.stop(null);
        }
    }

    @Override
    public void completed(Request request, @Nullable Route route, Response response, long nanos) {
        Exchange exchange = exchange(request);
        if (exchange != null) {
            exchange.stop(response);
        }
    }

    private static @Nullable Exchange exchange(Request request) {
        return request.attribute(ATTRIBUTE) instanceof Exchange exchange ? exchange : null;
    }

    /** One exchange's observation and the scope open on the handler's thread. */
    private static final class Exchange {
        final Observation observation;
        final HouseServerRequestObservationContext context;
        private final AtomicBoolean stopped = new AtomicBoolean();
        private volatile Observation.@Nullable Scope scope;
        private volatile @Nullable Thread scopeThread;

        Exchange(Observation observation, HouseServerRequestObservationContext context) {
            this.observation = observation;
            this.context = context;
        }

        void openScope() {
            scope = observation.openScope();
            scopeThread = Thread.currentThread();
        }

        void closeScope() {
            Observation.Scope open = scope;
            if (open != null && scopeThread == Thread.currentThread()) {
                scope = null;
                scopeThread = null;
                open.close();
            }
        }

        void stop(@Nullable Response response) {
            if (stopped.compareAndSet(false, true)) {
                if (response != null) {
                    context.setResponse(response);
                }
                observation.stop();
            }
        }
    }
}
