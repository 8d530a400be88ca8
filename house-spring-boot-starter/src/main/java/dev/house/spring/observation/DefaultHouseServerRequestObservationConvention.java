package dev.house.spring.observation;

import dev.house.core.http.Request;
import dev.house.core.http.Response;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import org.jspecify.annotations.Nullable;

/**
 * Spring's server conventions for house: the observation {@value #NAME} with low-cardinality
 * {@code method}, {@code uri} (the route template, {@code NOT_FOUND}, {@code REDIRECTION} or
 * {@code UNKNOWN}, never the raw path), {@code status}, {@code outcome}, {@code exception} and
 * {@code protocol} (house's addition: {@code HTTP/1.1} or {@code HTTP/2}),
 * and the high-cardinality {@code http.url}; Spring MVC and WebFlux tag theirs the same way, so
 * Boot's dashboards and alerts find house's requests.
 */
public class DefaultHouseServerRequestObservationConvention implements HouseServerRequestObservationConvention {

    /** The observation's name, as Spring MVC and WebFlux name theirs. */
    public static final String NAME = "http.server.requests";

    private static final KeyValue EXCEPTION_NONE = KeyValue.of("exception", KeyValue.NONE_VALUE);

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public String getContextualName(HouseServerRequestObservationContext context) {
        Request request = context.getCarrier();
        String method = request == null ? "http" : "http " + request.method().name().toLowerCase(java.util.Locale.ROOT);
        String pattern = context.getPathPattern();
        return pattern == null ? method : method + " " + pattern;
    }

    @Override
    public KeyValues getLowCardinalityKeyValues(HouseServerRequestObservationContext context) {
        return KeyValues.of(method(context), uri(context), status(context), outcome(context), exception(context),
                protocol(context));
    }

    @Override
    public KeyValues getHighCardinalityKeyValues(HouseServerRequestObservationContext context) {
        Request request = context.getCarrier();
        return KeyValues.of("http.url", request == null ? KeyValue.NONE_VALUE : request.path());
    }

    /** The protocol the request came over ({@code HTTP/1.1}, {@code HTTP/2}, ...), so h2 traffic can be told apart. */
    protected KeyValue protocol(HouseServerRequestObservationContext context) {
        Request request = context.getCarrier();
        return KeyValue.of("protocol", request == null ? "UNKNOWN" : request.version().text());
    }

    protected KeyValue method(HouseServerRequestObservationContext context) {
        Request request = context.getCarrier();
        return KeyValue.of("method", request == null ? "UNKNOWN" : request.method().name());
    }

    protected KeyValue uri(HouseServerRequestObservationContext context) {
        String pattern = context.getPathPattern();
        if (pattern != null && !pattern.isEmpty()) {
            return KeyValue.of("uri", pattern);
        }
        int status = statusCode(context.getResponse());
        if (status == 404) {
            return KeyValue.of("uri", "NOT_FOUND");
        }
        if (status >= 300 && status < 400) {
            return KeyValue.of("uri", "REDIRECTION");
        }
        return KeyValue.of("uri", "UNKNOWN");
    }

    protected KeyValue status(HouseServerRequestObservationContext context) {
        int status = statusCode(context.getResponse());
        return KeyValue.of("status", status == 0 ? "UNKNOWN" : Integer.toString(status));
    }

    protected KeyValue outcome(HouseServerRequestObservationContext context) {
        int status = statusCode(context.getResponse());
        String outcome;
        if (status == 0) {
            outcome = "UNKNOWN";
        } else if (status < 200) {
            outcome = "INFORMATIONAL";
        } else if (status < 300) {
            outcome = "SUCCESS";
        } else if (status < 400) {
            outcome = "REDIRECTION";
        } else if (status < 500) {
            outcome = "CLIENT_ERROR";
        } else {
            outcome = "SERVER_ERROR";
        }
        return KeyValue.of("outcome", outcome);
    }

    protected KeyValue exception(HouseServerRequestObservationContext context) {
        Throwable error = context.getError();
        if (error == null) {
            return EXCEPTION_NONE;
        }
        String name = error.getClass().getSimpleName();
        return KeyValue.of("exception", name.isEmpty() ? error.getClass().getName() : name);
    }

    private static int statusCode(@Nullable Response response) {
        return response == null ? 0 : response.status().code();
    }
}
