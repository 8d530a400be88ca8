package dev.house.spring.actuate.web;

import dev.house.core.handler.PathVariables;
import dev.house.core.http.Handler;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.InvocationContext;
import org.springframework.boot.actuate.endpoint.OperationArgumentResolver;
import org.springframework.boot.actuate.endpoint.ProducibleOperationArgumentResolver;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.WebOperationRequestPredicate;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;

/**
 * Runs one Actuator web operation for a house request: its arguments are the path variables
 * (the match-all-remaining selector as its segments), the query parameters and, for operations
 * that consume JSON, the top-level members of the request's JSON object, as Boot's MVC, WebFlux
 * and Jersey mappings pass them.
 */
final class OperationHandler implements Handler {

    private final WebOperation operation;
    private final WebOperationRequestPredicate predicate;
    private final OperationResponses responses;
    private final WebServerNamespace namespace;

    OperationHandler(WebOperation operation, OperationResponses responses, WebServerNamespace namespace) {
        this.operation = operation;
        this.predicate = operation.getRequestPredicate();
        this.responses = responses;
        this.namespace = namespace;
    }

    @Override
    public Response handle(Request request) {
        Map<String, Object> arguments = new HashMap<>();
        if (!predicate.getConsumes().isEmpty()) {
            arguments.putAll(responses.readJsonObject(request));
        }
        arguments.putAll(pathArguments(request));
        request.queryParameters().forEach((name, values) -> {
            if (!values.isEmpty()) {
                arguments.put(name, values.size() == 1 ? values.get(0) : values);
            }
        });
        InvocationContext context = new InvocationContext(SecurityContext.NONE, arguments,
                OperationArgumentResolver.of(WebServerNamespace.class, () -> namespace),
                new ProducibleOperationArgumentResolver(() -> accepts(request)));
        Object result;
        try {
            result = operation.invoke(context);
        } catch (InvalidEndpointRequestException ex) {
            throw new HttpException(HttpStatus.BAD_REQUEST, ex.getReason());
        }
        return respond(request, result);
    }

    private Response respond(Request request, @Nullable Object result) {
        if (result == null) {
            return Response.of(request.method() == HttpMethod.GET ? HttpStatus.NOT_FOUND : HttpStatus.NO_CONTENT);
        }
        if (result instanceof WebEndpointResponse<?> response) {
            HttpStatus status = HttpStatus.of(response.getStatus());
            Object body = response.getBody();
            if (body == null) {
                return Response.of(status);
            }
            String contentType = response.getContentType() != null ? response.getContentType().toString()
                    : MediaTypes.negotiate(request.header("Accept"), predicate.getProduces());
            return responses.body(status, body, contentType);
        }
        return responses.body(HttpStatus.OK, result, MediaTypes.negotiate(request.header("Accept"),
                predicate.getProduces()));
    }

    private Map<String, Object> pathArguments(Request request) {
        Map<String, Object> arguments = new HashMap<>(PathVariables.of(request).asMap());
        String remaining = predicate.getMatchAllRemainingPathSegmentsVariable();
        if (remaining != null) {
            Object value = arguments.get(remaining);
            arguments.put(remaining, value == null || value.toString().isEmpty() ? new String[0]
                    : value.toString().split("/"));
        }
        return arguments;
    }

    private static @Nullable List<String> accepts(Request request) {
        String accept = request.header("Accept");
        return accept == null ? null : List.of(accept);
    }

    /** The URL the client asked for, from its Host header, for the links of the discovery page. */
    static String requestUrl(Request request) {
        String host = request.header("Host");
        String scheme = request.isSecure() ? "https://" : "http://";
        return scheme + (host == null ? "localhost" : host) + request.path();
    }
}
