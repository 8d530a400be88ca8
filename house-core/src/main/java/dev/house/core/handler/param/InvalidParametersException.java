package dev.house.core.handler.param;

import dev.house.core.http.HttpException;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A request whose parameters (or body) could not be bound: a 400 that lists every failing
 * parameter, rendered by {@link #toResponse()} as an RFC 9457 {@code application/problem+json}
 * body wherever it is thrown (binding, a handler body, an interceptor).
 */
public final class InvalidParametersException extends HttpException {
    private static final long serialVersionUID = 1L;

    /** The media type of problem details (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** The problem type of invalid parameters: a tag URI, as it is an identifier, not a page. */
    public static final String INVALID_PARAMETERS = "tag:house.dev,2026:problem:invalid-parameters";
    /** The problem type of a body that cannot be decoded at all. */
    public static final String INVALID_BODY = "tag:house.dev,2026:problem:invalid-body";

    /** Renders the problem map (strings, numbers, lists): no application setting applies to it. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String type;
    private final String title;
    private final transient List<ParamError> errors;

    private InvalidParametersException(String type, String title, String detail, List<ParamError> errors) {
        super(HttpStatus.BAD_REQUEST, detail);
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** Invalid parameters, each with its reason. */
    public static InvalidParametersException of(List<ParamError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors");
        }
        String names = errors.stream().map(ParamError::name).distinct().collect(Collectors.joining(", "));
        String detail = (errors.size() == 1 ? "Invalid parameter: " : "Invalid parameters: ") + names;
        return new InvalidParametersException(INVALID_PARAMETERS, "Invalid request parameters", detail, errors);
    }

    /** A body that cannot be read at all; {@code detail} names the problem and must not echo input. */
    public static InvalidParametersException body(String detail) {
        return new InvalidParametersException(INVALID_BODY, "Invalid request body", detail, List.of());
    }

    /** The failing parameters, in declaration order. */
    public List<ParamError> errors() {
        return errors;
    }

    /** The problem body as a map: {@code type}, {@code title}, {@code status}, {@code detail}, {@code errors}. */
    public Map<String, Object> problem() {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", status().code());
        problem.put("detail", getMessage());
        List<Map<String, Object>> list = new ArrayList<>(errors.size());
        for (ParamError e : errors) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", e.name());
            entry.put("reason", e.reason());
            entry.put("message", e.message());
            entry.putAll(e.details());
            list.add(entry);
        }
        problem.put("errors", list);
        return problem;
    }

    /** A 400 {@code application/problem+json} response. */
    @Override
    public Response toResponse() {
        return Response.bytes(JSON.writeValueAsBytes(problem()), PROBLEM_JSON).status(status());
    }
}
