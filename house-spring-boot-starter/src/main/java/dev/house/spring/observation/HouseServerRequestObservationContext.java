package dev.house.spring.observation;

import dev.house.core.http.Request;
import dev.house.core.http.Response;
import io.micrometer.observation.transport.RequestReplyReceiverContext;
import org.jspecify.annotations.Nullable;

/**
 * What an {@code http.server.requests} observation of house knows: the request (its headers are
 * the carrier that tracing reads {@code traceparent}, {@code tracestate} or B3 from), the route
 * template once routed, and the response once answered.
 */
public final class HouseServerRequestObservationContext extends RequestReplyReceiverContext<Request, Response> {

    private @Nullable String pathPattern;

    public HouseServerRequestObservationContext(Request request) {
        super((carrier, key) -> carrier.header(key));
        setCarrier(request);
    }

    /** The template of the route that answered, like {@code /orders/{id}}; {@code null} before routing or without a route. */
    public @Nullable String getPathPattern() {
        return pathPattern;
    }

    public void setPathPattern(@Nullable String pathPattern) {
        this.pathPattern = pathPattern;
    }
}
