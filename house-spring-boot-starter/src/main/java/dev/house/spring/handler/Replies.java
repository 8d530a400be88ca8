package dev.house.spring.handler;

import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns what a route or exception handler returned into the response, once: a ready
 * {@link Response} as it is, a {@link ProblemDetail} as problem+json, a {@link Reply} with its
 * status and headers, any other body as JSON (or text/bytes for a closing route) with the
 * route's status.
 */
final class Replies {

    private Replies() {
    }

    /**
     * @param json whether a plain body is sent as JSON (else a String or byte[] with {@code contentType})
     */
    static Response render(@Nullable Object result, Request request, JsonMapper mapper, HttpStatus status,
                           String contentType, boolean json) {
        if (result instanceof Response response) {
            return response;
        }
        if (result instanceof ProblemDetail problem) {
            return problem.toResponse(request, mapper);
        }
        if (result instanceof Reply<?> reply) {
            Response response = body(reply.body(), mapper, contentType, json).status(reply.status());
            reply.headers().forEach(response.headers()::add);
            return response;
        }
        return body(result, mapper, contentType, json).status(status);
    }

    private static Response body(@Nullable Object body, JsonMapper mapper, String contentType, boolean json) {
        if (body == null) {
            return Response.of(HttpStatus.NO_CONTENT);
        }
        if (!json && body instanceof String text) {
            return Response.bytes(text.getBytes(StandardCharsets.UTF_8), contentType);
        }
        if (!json && body instanceof byte[] bytes) {
            return Response.bytes(bytes, contentType);
        }
        return Response.bytes(mapper.writeValueAsBytes(body), Response.APPLICATION_JSON);
    }
}
