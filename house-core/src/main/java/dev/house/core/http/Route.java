package dev.house.core.http;

import java.util.Objects;

/**
 * What runs for one request, as chosen by a {@link RequestRouter}: the handler and where it runs.
 *
 * @param template the matched route's path template (low-cardinality, for metrics and logs)
 */
public record Route(Handler handler, Execution execution, String template) {
    public Route {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(template, "template");
    }
}
