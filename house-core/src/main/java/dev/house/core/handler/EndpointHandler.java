package dev.house.core.handler;

import dev.house.core.handler.param.Arguments;
import dev.house.core.handler.param.ParamBinder;
import dev.house.core.http.Body;
import dev.house.core.http.Handler;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a typed endpoint: binds its parameters (answering 400 problem details when any is
 * invalid, without running the handler), calls it, and turns its result into a response
 * according to its {@link ResponseKind}.
 */
final class EndpointHandler implements Handler {
    private final String route;
    private final ParamBinder binder;
    private final ResponseKind kind;
    private final TypedHandler<?> body;
    private final JsonMapper mapper;
    private final String contentType;

    EndpointHandler(String route, ParamBinder binder, ResponseKind kind, TypedHandler<?> body, JsonMapper mapper,
                    String contentType) {
        this.route = route;
        this.binder = binder;
        this.kind = kind;
        this.body = body;
        this.mapper = mapper;
        this.contentType = contentType;
    }

    @Override
    public Response handle(Request request) throws Exception {
        // Invalid input found by binding or by the body (e.g. Bean Validation in the Spring
        // starter) leaves as an InvalidParametersException; the server or the interceptor chain
        // turns it into its problem document, whatever kind of response the route makes.
        Arguments args = binder.bind(request, PathVariables.of(request)::get);
        return render(body.handle(args));
    }

    private Response render(Object result) {
        if (kind == ResponseKind.STREAM) {
            // A stream route may refuse with an error instead (e.g. from an exception handler).
            if (result instanceof Response error && error.status().code() >= 400
                    && !(error.body() instanceof Body.Stream)) {
                return error;
            }
            if (!(result instanceof Response) || !(((Response) result).body() instanceof Body.Stream)) {
                throw new IllegalStateException("stream handler " + route
                        + " must return a Response made with Response.stream(...), not " + describe(result));
            }
            Response stream = (Response) result;
            // The length of a stream is unknown by definition; a stray header would corrupt framing.
            stream.headers().remove("Content-Length");
            return stream;
        }
        if (result instanceof Response) {
            return (Response) result;
        }
        if (result == null) {
            return Response.of(HttpStatus.NO_CONTENT);
        }
        if (kind == ResponseKind.JSON) {
            return Response.bytes(mapper.writeValueAsBytes(result), Response.APPLICATION_JSON);
        }
        if (result instanceof String) {
            return Response.bytes(((String) result).getBytes(java.nio.charset.StandardCharsets.UTF_8), contentType);
        }
        if (result instanceof byte[]) {
            return Response.bytes((byte[]) result, contentType);
        }
        throw new IllegalStateException("closing handler " + route + " must return a String, byte[] or Response, not "
                + describe(result));
    }

    private static String describe(Object result) {
        return result == null ? "null" : "a " + result.getClass().getName();
    }

    @Override
    public String toString() {
        return kind + " " + route;
    }
}
