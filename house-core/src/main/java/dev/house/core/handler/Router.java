package dev.house.core.handler;

import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamBinder;
import dev.house.core.handler.param.Source;
import dev.house.core.handler.param.TypeRegistry;
import dev.house.core.http.Execution;
import dev.house.core.http.Handler;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Interceptor;
import dev.house.core.http.Request;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Routes requests by method and path template to plain or typed handlers. Templates have literal
 * segments, variables ({@code /rooms/{room}}) and a final rest variable ({@code /files/{*path}});
 * a literal beats a variable, which beats a rest variable. No matching path answers 404; a path
 * served only for other methods answers 405 with {@code Allow}; GET routes also answer HEAD, except
 * those declared {@link Endpoint.Builder#unsafe() unsafe} (with side effects), where HEAD is a 405.
 * Every route runs inside the global {@link Interceptor}s.
 *
 * <pre>{@code
 * Param<String> room = Param.of("room", ParamTypes.STRING).restrict(Restrictions.lengthBetween(1, 16));
 * Router router = Router.builder()
 *         .intercept(rateLimit)
 *         .get("/health", req -> Response.text("ok"))
 *         .closing(GET, "/rooms/{room}", List.of(room), args -> "<h1>" + escape(args.get(room)) + "</h1>")
 *         .json(POST, "/rooms/{room}/messages", List.of(room, text), args -> Map.of("ok", true))
 *         .stream(GET, "/source", List.of(room), args -> EventStream.response(...))
 *         .redirect("/", "/index", 302)
 *         .build();
 * }</pre>
 *
 * Routes are declared on a {@link Builder}; a declaration that clashes with an earlier one
 * fails at once, and the same method and template again replaces the earlier route with a
 * warning. The built router is immutable and safe to share between event loops.
 */
public final class Router implements RequestRouter {
    private final RouteTrie trie;
    private final Route notFound;

    private Router(RouteTrie trie, Route notFound) {
        this.trie = trie;
        this.notFound = notFound;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Picks the route for {@code request}; runs on the event loop, never blocks. */
    @Override
    public Route route(Request request) {
        return trie.match(request, notFound);
    }

    /** Collects routes, interceptors, parameter types and the JSON mapper, then builds a {@link Router}. */
    public static final class Builder {
        private final RouteTable<Endpoint> table = new RouteTable<>();
        private final List<Interceptor> interceptors = new ArrayList<>();
        /** Our redirects: instant on the event loop, unless global interceptors (which may block) wrap them. */
        private final Set<Endpoint> redirects = Collections.newSetFromMap(new IdentityHashMap<>());
        private TypeRegistry types = TypeRegistry.standard();
        private JsonMapper jsonMapper;

        private Builder() {
        }

        /** The registry where parameters declared by class or type name find their type (default: the built-ins). */
        public Builder types(TypeRegistry types) {
            this.types = Objects.requireNonNull(types, "types");
            return this;
        }

        /** The mapper for JSON responses and JSON bodies (default: a plain {@code JsonMapper}). */
        public Builder jsonMapper(JsonMapper mapper) {
            this.jsonMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /** Adds interceptors run around every route (404 and 405 answers included), in order. */
        public Builder intercept(Interceptor... more) {
            for (Interceptor i : more) {
                interceptors.add(Objects.requireNonNull(i, "interceptor"));
            }
            return this;
        }

        /** A plain handler run on a worker thread. */
        public Builder route(HttpMethod method, String path, Handler handler) {
            return route(method, path, handler, Execution.WORKER);
        }

        /** A plain handler run where {@code execution} says. */
        public Builder route(HttpMethod method, String path, Handler handler, Execution execution) {
            return endpoint(Endpoint.of(method, path).execution(execution).raw(handler));
        }

        /** A plain GET (and HEAD) handler run on a worker thread. */
        public Builder get(String path, Handler handler) {
            return route(HttpMethod.GET, path, handler);
        }

        /** A plain POST handler run on a worker thread. */
        public Builder post(String path, Handler handler) {
            return route(HttpMethod.POST, path, handler);
        }

        /** A plain handler for every method, run on a worker thread. */
        public Builder any(String path, Handler handler) {
            return endpoint(Endpoint.anyMethod(path).raw(handler));
        }

        /**
         * A closing handler with typed parameters: returns text or bytes (sent as
         * {@code text/html; charset=utf-8}) or a {@link Response}. Runs on a worker thread.
         */
        public Builder closing(HttpMethod method, String path, List<? extends Param<?>> params, TypedHandler<?> body) {
            return endpoint(Endpoint.of(method, path).params(params).closing(body));
        }

        /** A JSON handler with typed parameters: its result is sent as {@code application/json}. Runs on a worker thread. */
        public Builder json(HttpMethod method, String path, List<? extends Param<?>> params, TypedHandler<?> body) {
            return endpoint(Endpoint.of(method, path).params(params).json(body));
        }

        /** A stream handler with typed parameters: returns a {@link Response#stream} response. Runs on a worker thread. */
        public Builder stream(HttpMethod method, String path, List<? extends Param<?>> params,
                              TypedHandler<? extends Response> body) {
            return endpoint(Endpoint.of(method, path).params(params).stream(body));
        }

        /**
         * Answers every method on {@code path} with a redirect to {@code location}.
         *
         * @param location an absolute URI or a relative reference, sent as the {@code Location} header
         * @param status 301, 302, 303, 307 or 308
         * @throws IllegalArgumentException for another status, or a location that is not a valid URI
         *         reference (a CR or LF would let it inject headers)
         */
        public Builder redirect(String path, String location, int status) {
            Objects.requireNonNull(location, "location");
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
                throw new IllegalArgumentException("a redirect status must be 301, 302, 303, 307 or 308: " + status);
            }
            if (location.isEmpty()) {
                throw new IllegalArgumentException("a redirect needs a location");
            }
            for (int i = 0; i < location.length(); i++) {
                char c = location.charAt(i);
                if (c == '\r' || c == '\n' || c < 0x20 || c == 0x7f) {
                    throw new IllegalArgumentException("a redirect location must not contain CR, LF or other"
                            + " control characters");
                }
            }
            try {
                new URI(location);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("a redirect location must be a valid URI reference: "
                        + e.getReason(), e);
            }
            HttpStatus redirect = HttpStatus.of(status);
            Endpoint endpoint = Endpoint.anyMethod(path).execution(Execution.EVENT_LOOP)
                    .raw(request -> Response.of(redirect).header("Location", location));
            endpoint(endpoint);
            redirects.add(endpoint);
            return this;
        }

        /**
         * Declares a route from its full description.
         *
         * @throws IllegalArgumentException when the template is invalid, a parameter read only
         *         from the path names no variable of it, or the route is ambiguous with an earlier one
         */
        public Builder endpoint(Endpoint endpoint) {
            PathTemplate template = PathTemplate.parse(endpoint.path());
            for (Param<?> p : endpoint.params()) {
                Set<Source> sources = p.sources();
                if (sources.equals(Set.of(Source.PATH)) && !template.hasVariable(p.name())) {
                    throw new IllegalArgumentException("route " + endpoint.path() + ": parameter '" + p.name()
                            + "' is read from the path, which has no variable {" + p.name() + "}");
                }
                if (template.hasVariable(p.name()) && !sources.contains(Source.PATH)) {
                    throw new IllegalArgumentException("route " + endpoint.path() + ": parameter '" + p.name()
                            + "' names a path variable but is not read from the path");
                }
            }
            table.add(endpoint.method(), template, endpoint, !endpoint.unsafe());
            return this;
        }

        /**
         * Builds the router: resolves every parameter type and checks the declarations.
         *
         * @throws IllegalArgumentException naming the route and the problem
         */
        public Router build() {
            JsonMapper mapper = jsonMapper != null ? jsonMapper : JsonMapper.builder().build();
            Interceptor[] global = interceptors.toArray(new Interceptor[0]);
            // Our own answers are instant, but interceptors may block, so they then run on a worker.
            Execution own = global.length == 0 ? Execution.EVENT_LOOP : Execution.WORKER;
            Route notFound = new Route(Intercepted.wrap(global,
                    r -> Response.error(HttpStatus.NOT_FOUND, "No resource at this path")), own, "");
            RouteTrie trie = table.compile(e -> compile(e, global, mapper),
                    allow -> new Route(Intercepted.wrap(global, r -> Response.error(HttpStatus.METHOD_NOT_ALLOWED,
                            "Method " + r.method() + " is not allowed here").header("Allow", allow)), own, ""));
            return new Router(trie, notFound);
        }

        private Route compile(RouteTable.Compiling<Endpoint> compiling, Interceptor[] global, JsonMapper routerMapper) {
            Endpoint e = compiling.route();
            JsonMapper mapper = e.jsonMapper() != null ? e.jsonMapper() : routerMapper;
            Handler handler;
            if (e.kind() == ResponseKind.RAW) {
                handler = e.rawHandler();
            } else {
                ParamBinder binder;
                try {
                    binder = ParamBinder.of(e.params(), types, mapper);
                } catch (IllegalArgumentException problem) {
                    throw new IllegalArgumentException("route " + describe(e) + ": " + problem.getMessage(), problem);
                }
                handler = new EndpointHandler(describe(e), binder, e.kind(), e.body(), mapper, e.contentType());
            }
            Interceptor[] chain = new Interceptor[global.length + e.interceptors().size()];
            System.arraycopy(global, 0, chain, 0, global.length);
            for (int i = 0; i < e.interceptors().size(); i++) {
                chain[global.length + i] = e.interceptors().get(i);
            }
            Execution execution = e.execution();
            if (redirects.contains(e) && global.length > 0) {
                execution = Execution.WORKER;
            }
            Handler whole = Intercepted.wrap(chain, handler);
            if (compiling.template().hasVariables()) {
                whole = new PathVariableBinding(compiling.template(), whole);
            }
            return new Route(whole, execution, e.path());
        }

        private static String describe(Endpoint e) {
            return (e.method() == null ? "ANY" : e.method().name()) + " " + e.path();
        }
    }
}
