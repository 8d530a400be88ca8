package dev.house.core.handler;

import dev.house.core.http.Execution;
import dev.house.core.http.Handler;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Routes requests by method and exact path: 404 when no route has the path, 405 with
 * {@code Allow} when other methods do, HEAD served by the GET route.
 */
public final class Router implements RequestRouter {
    private static final Route NOT_FOUND = new Route(
            r -> Response.error(HttpStatus.NOT_FOUND, "No resource at this path"), Execution.EVENT_LOOP, "");

    private final Map<String, Map<HttpMethod, Route>> routes;

    private Router(Map<String, Map<HttpMethod, Route>> routes) {
        this.routes = routes;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Route route(Request request) {
        Map<HttpMethod, Route> byMethod = routes.get(request.path());
        if (byMethod == null) {
            return NOT_FOUND;
        }
        Route route = byMethod.get(request.method());
        if (route == null && request.method() == HttpMethod.HEAD) {
            route = byMethod.get(HttpMethod.GET);
        }
        if (route != null) {
            return route;
        }
        String allow = allowHeader(byMethod);
        return new Route(r -> Response.error(HttpStatus.METHOD_NOT_ALLOWED,
                "Method " + r.method() + " is not allowed here").header("Allow", allow),
                Execution.EVENT_LOOP, request.path());
    }

    private static String allowHeader(Map<HttpMethod, Route> byMethod) {
        StringJoiner allow = new StringJoiner(", ");
        for (HttpMethod m : HttpMethod.values()) {
            if (byMethod.containsKey(m) || (m == HttpMethod.HEAD && byMethod.containsKey(HttpMethod.GET))) {
                allow.add(m.name());
            }
        }
        return allow.toString();
    }

    /** Collects routes; a later registration of the same method and path replaces the earlier. */
    public static final class Builder {
        private final Map<String, Map<HttpMethod, Route>> routes = new HashMap<>();

        private Builder() {
        }

        /** A route run on a worker thread. */
        public Builder route(HttpMethod method, String path, Handler handler) {
            return route(method, path, handler, Execution.WORKER);
        }

        public Builder route(HttpMethod method, String path, Handler handler, Execution execution) {
            Objects.requireNonNull(method, "method");
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/': " + path);
            }
            routes.computeIfAbsent(path, p -> new EnumMap<>(HttpMethod.class))
                    .put(method, new Route(handler, execution, path));
            return this;
        }

        public Builder get(String path, Handler handler) {
            return route(HttpMethod.GET, path, handler);
        }

        public Builder post(String path, Handler handler) {
            return route(HttpMethod.POST, path, handler);
        }

        public Router build() {
            return new Router(Map.copyOf(routes));
        }
    }
}
