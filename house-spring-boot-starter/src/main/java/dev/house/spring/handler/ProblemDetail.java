package dev.house.spring.handler;

import dev.house.core.http.HttpStatus;
import dev.house.core.http.Problem;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * An RFC 9457 problem an application builds and returns (from a route or an
 * {@link ExceptionHandler}), sent as {@code application/problem+json}: {@code type} (default
 * {@code about:blank}), {@code title} (default the status's reason phrase), {@code status},
 * {@code detail}, {@code instance} (default the request id, as house's own errors) and any
 * extension members.
 */
public final class ProblemDetail {

    private final HttpStatus status;
    private String type = Problem.ABOUT_BLANK;
    private @Nullable String title;
    private @Nullable String detail;
    private @Nullable String instance;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    private ProblemDetail(HttpStatus status) {
        this.status = Objects.requireNonNull(status, "status");
    }

    public static ProblemDetail forStatus(int status) {
        return new ProblemDetail(HttpStatus.of(status));
    }

    public static ProblemDetail forStatusAndDetail(int status, String detail) {
        return forStatus(status).detail(detail);
    }

    public ProblemDetail type(String type) {
        this.type = Objects.requireNonNull(type, "type");
        return this;
    }

    public ProblemDetail title(String title) {
        this.title = title;
        return this;
    }

    public ProblemDetail detail(String detail) {
        this.detail = detail;
        return this;
    }

    public ProblemDetail instance(String instance) {
        this.instance = instance;
        return this;
    }

    /** An extension member; names of the standard members are refused. */
    public ProblemDetail property(String name, @Nullable Object value) {
        if (name.equals("type") || name.equals("title") || name.equals("status") || name.equals("detail")
                || name.equals("instance")) {
            throw new IllegalArgumentException("not an extension member: " + name);
        }
        properties.put(name, value);
        return this;
    }

    public int status() {
        return status.code();
    }

    public @Nullable String detail() {
        return detail;
    }

    /** The problem document for {@code request}. */
    public Map<String, Object> toMap(Request request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title != null ? title : status.reason());
        body.put("status", status.code());
        if (detail != null) {
            body.put("detail", detail);
        }
        String id = instance != null ? instance : Problem.instance(request.id());
        if (id != null) {
            body.put("instance", id);
        }
        body.putAll(properties);
        return body;
    }

    /** The response carrying it. */
    public Response toResponse(Request request, JsonMapper mapper) {
        return Response.bytes(mapper.writeValueAsBytes(toMap(request)), Problem.PROBLEM_JSON).status(status);
    }
}
