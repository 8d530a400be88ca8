package dev.house.core.handler;

import dev.house.core.handler.param.Param;
import dev.house.core.http.Execution;
import dev.house.core.http.Handler;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Interceptor;
import dev.house.core.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * The complete, programmatic declaration of one route: method and path template, the declared
 * parameters, how it answers ({@link ResponseKind}), where it runs and its own interceptors.
 * The router's shorthand methods build these; framework integrations (such as the Spring
 * starter mapping annotated methods) build them directly.
 *
 * <pre>{@code
 * Endpoint send = Endpoint.of(HttpMethod.POST, "/rooms/{room}/messages")
 *         .params(Param.of("room", ParamTypes.STRING), Param.of("text", ParamTypes.STRING))
 *         .intercept(requireLogin)
 *         .json(args -> chat.post(args.string("room"), args.string("text")));
 * }</pre>
 */
public final class Endpoint {
    private final HttpMethod method;
    private final String path;
    private final List<Param<?>> params;
    private final ResponseKind kind;
    private final TypedHandler<?> body;
    private final Handler rawHandler;
    private final Execution execution;
    private final List<Interceptor> interceptors;
    private final String contentType;
    private final JsonMapper jsonMapper;
    private final boolean unsafe;

    private Endpoint(Builder b, ResponseKind kind, TypedHandler<?> body, Handler rawHandler) {
        this.method = b.method;
        this.path = b.path;
        this.params = List.copyOf(b.params);
        this.kind = kind;
        this.body = body;
        this.rawHandler = rawHandler;
        this.execution = b.execution;
        this.interceptors = List.copyOf(b.interceptors);
        this.contentType = b.contentType;
        this.jsonMapper = b.jsonMapper;
        this.unsafe = b.unsafe;
    }

    /** Starts declaring a route for {@code method} (GET routes also answer HEAD unless {@link Builder#unsafe()}). */
    public static Builder of(HttpMethod method, String path) {
        return new Builder(Objects.requireNonNull(method, "method"), path);
    }

    /** Starts declaring a route that accepts every method. */
    public static Builder anyMethod(String path) {
        return new Builder(null, path);
    }

    /** The method, or {@code null} when the route accepts any method. */
    public HttpMethod method() {
        return method;
    }

    /** The path template, e.g. {@code /rooms/{room}}. */
    public String path() {
        return path;
    }

    public List<Param<?>> params() {
        return params;
    }

    public ResponseKind kind() {
        return kind;
    }

    /** The typed handler; {@code null} for a {@link ResponseKind#RAW} route. */
    public TypedHandler<?> body() {
        return body;
    }

    /** The plain handler of a {@link ResponseKind#RAW} route, else {@code null}. */
    public Handler rawHandler() {
        return rawHandler;
    }

    public Execution execution() {
        return execution;
    }

    /** Interceptors run for this route only, inside the router's global ones. */
    public List<Interceptor> interceptors() {
        return interceptors;
    }

    /** The content type of a closing handler's text or bytes. */
    public String contentType() {
        return contentType;
    }

    /** The mapper for this route's JSON, or {@code null} to use the router's. */
    public JsonMapper jsonMapper() {
        return jsonMapper;
    }

    /**
     * Whether the route declared it has side effects ({@link Builder#unsafe()}): HEAD is then
     * not answered by its GET handler.
     */
    public boolean unsafe() {
        return unsafe;
    }

    @Override
    public String toString() {
        return (method == null ? "ANY" : method.name()) + " " + path + " " + kind + " " + params;
    }

    /** Collects an {@link Endpoint}; one of the terminal methods ({@link #closing}, {@link #json}, {@link #stream}, {@link #raw}) creates it. */
    public static final class Builder {
        private final HttpMethod method;
        private final String path;
        private final List<Param<?>> params = new ArrayList<>();
        private Execution execution = Execution.WORKER;
        private final List<Interceptor> interceptors = new ArrayList<>();
        private String contentType = Response.TEXT_HTML;
        private JsonMapper jsonMapper;
        private boolean unsafe;

        private Builder(HttpMethod method, String path) {
            this.method = method;
            this.path = Objects.requireNonNull(path, "path");
        }

        /** Declares parameters, bound in this order (so a type can depend on an earlier one). */
        public Builder params(Param<?>... more) {
            return params(List.of(more));
        }

        /** Declares parameters, bound in this order. */
        public Builder params(List<? extends Param<?>> more) {
            for (Param<?> p : more) {
                params.add(Objects.requireNonNull(p, "param"));
            }
            return this;
        }

        /**
         * Where the handler runs: {@link Execution#WORKER} (the default) for code that may block,
         * {@link Execution#EVENT_LOOP} only for code that never blocks and is quick.
         */
        public Builder execution(Execution execution) {
            this.execution = Objects.requireNonNull(execution, "execution");
            return this;
        }

        /** Adds interceptors run for this route only, after the router's global ones. */
        public Builder intercept(Interceptor... more) {
            for (Interceptor i : more) {
                interceptors.add(Objects.requireNonNull(i, "interceptor"));
            }
            return this;
        }

        /** The content type of a closing handler's text or bytes (default {@code text/html; charset=utf-8}). */
        public Builder contentType(String contentType) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            return this;
        }

        /** The mapper for this route's JSON response (and JSON body), instead of the router's. */
        public Builder jsonMapper(JsonMapper mapper) {
            this.jsonMapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        /**
         * Declares that the route has side effects although its method is GET (it publishes,
         * writes, counts), so it is not safe in RFC 9110's sense (section 9.2.1). A HEAD request
         * is then not run through its handler, as it would be for a safe GET route, but answered
         * 405 with an {@code Allow} header listing GET without HEAD.
         *
         * @throws IllegalStateException for a method other than GET (other methods never answer HEAD)
         */
        public Builder unsafe() {
            if (method != HttpMethod.GET) {
                throw new IllegalStateException("only a GET route answers HEAD, so only a GET route is declared"
                        + " unsafe; " + (method == null ? "ANY" : method.name()) + " " + path + " is not one");
            }
            this.unsafe = true;
            return this;
        }

        /** A closing handler: returns text, bytes or a {@link Response}. */
        public Endpoint closing(TypedHandler<?> body) {
            return new Endpoint(this, ResponseKind.CLOSING, Objects.requireNonNull(body, "body"), null);
        }

        /** A JSON handler: returns an object serialised as {@code application/json}. */
        public Endpoint json(TypedHandler<?> body) {
            return new Endpoint(this, ResponseKind.JSON, Objects.requireNonNull(body, "body"), null);
        }

        /** A stream handler: returns a {@link Response#stream} response that stays open. */
        public Endpoint stream(TypedHandler<? extends Response> body) {
            return new Endpoint(this, ResponseKind.STREAM, Objects.requireNonNull(body, "body"), null);
        }

        /**
         * A plain handler reading the request itself.
         *
         * @throws IllegalStateException when parameters were declared (a plain handler cannot receive them)
         */
        public Endpoint raw(Handler handler) {
            if (!params.isEmpty()) {
                throw new IllegalStateException("a raw handler cannot declare parameters; use closing, json or stream");
            }
            return new Endpoint(this, ResponseKind.RAW, null, Objects.requireNonNull(handler, "handler"));
        }
    }
}
