package dev.house.spring.actuate.web;

import dev.house.core.http.HttpException;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Writes operation results as house responses and reads JSON request bodies. */
final class OperationResponses {

    private final JsonMapper mapper;
    private final @Nullable JsonMapper endpointMapper;

    OperationResponses(JsonMapper mapper, @Nullable JsonMapper endpointMapper) {
        this.mapper = mapper;
        this.endpointMapper = endpointMapper;
    }

    /** Text and bytes as they are (Prometheus' scrape, a log file), anything else as JSON. */
    Response body(HttpStatus status, Object body, @Nullable String contentType) {
        if (body instanceof CharSequence text) {
            return Response.bytes(text.toString().getBytes(StandardCharsets.UTF_8),
                    contentType != null ? contentType : Response.TEXT_PLAIN).status(status);
        }
        if (body instanceof byte[] bytes) {
            return Response.bytes(bytes, contentType != null ? contentType : "application/octet-stream").status(status);
        }
        if (body instanceof Resource resource) {
            try (InputStream in = resource.getInputStream()) {
                return Response.bytes(in.readAllBytes(), "application/octet-stream").status(status);
            } catch (IOException ex) {
                throw new IllegalStateException("could not read " + resource, ex);
            }
        }
        return json(status, body, contentType);
    }

    /** {@code body} as JSON: Actuator's own bodies with its isolated mapper when there is one. */
    Response json(HttpStatus status, Object body, @Nullable String contentType) {
        JsonMapper writer = body instanceof OperationResponseBody && endpointMapper != null ? endpointMapper : mapper;
        return Response.bytes(writer.writeValueAsBytes(body), contentType != null ? contentType : Response.APPLICATION_JSON)
                .status(status);
    }

    /** The members of the request's JSON object; none for an empty body. */
    @SuppressWarnings("unchecked")
    Map<String, Object> readJsonObject(Request request) {
        byte[] body = request.body();
        if (body == null || body.length == 0) {
            return Map.of();
        }
        try {
            Object value = mapper.readValue(body, Object.class);
            if (value instanceof Map<?, ?> map) {
                return (Map<String, Object>) map;
            }
        } catch (JacksonException ex) {
            throw new HttpException(HttpStatus.BAD_REQUEST, "request body is not valid JSON: " + ex.getOriginalMessage());
        }
        throw new HttpException(HttpStatus.BAD_REQUEST, "request body must be a JSON object");
    }
}
