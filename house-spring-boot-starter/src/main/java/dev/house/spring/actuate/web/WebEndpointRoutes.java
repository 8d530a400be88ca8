package dev.house.spring.actuate.web;

import dev.house.core.cors.Cors;
import dev.house.core.handler.Endpoint;
import dev.house.core.handler.Router;
import dev.house.core.http.Handler;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Response;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.web.EndpointLinksResolver;
import org.springframework.boot.actuate.endpoint.web.EndpointMapping;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.Link;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import tools.jackson.databind.json.JsonMapper;

/**
 * Declares the operations of Actuator's web endpoints as house routes under the management base
 * path ({@code management.endpoints.web.base-path}, {@code /actuator} by default), plus the
 * discovery page listing them at the base path itself. Operations run on worker threads: health
 * indicators and the like may block.
 */
public final class WebEndpointRoutes {

    private final EndpointMapping mapping;
    private final Collection<ExposableWebEndpoint> endpoints;
    private final @Nullable EndpointLinksResolver links;
    private final OperationResponses responses;
    private final WebServerNamespace namespace;
    private final @Nullable Cors cors;

    /**
     * @param basePath the management base path, like {@code /actuator}
     * @param links resolves the discovery page's links; {@code null} for no discovery page
     * @param mapper writes and reads JSON bodies (the application's mapper)
     * @param endpointMapper writes Actuator's own response bodies, when the application has one
     * @param namespace the server the routes are declared on, for endpoints that answer per server
     * @param cors the CORS rules of {@code management.endpoints.web.cors.*}, or {@code null}
     */
    public WebEndpointRoutes(String basePath, Collection<ExposableWebEndpoint> endpoints,
                             @Nullable EndpointLinksResolver links, JsonMapper mapper, @Nullable JsonMapper endpointMapper,
                             WebServerNamespace namespace, @Nullable Cors cors) {
        this.mapping = new EndpointMapping(basePath);
        this.endpoints = endpoints;
        this.links = links;
        this.responses = new OperationResponses(mapper, endpointMapper);
        this.namespace = namespace;
        this.cors = cors;
    }

    /** Declares every operation (and the discovery page) on {@code router}. */
    public void declare(Router.Builder router) {
        Set<String> paths = new LinkedHashSet<>();
        for (ExposableWebEndpoint endpoint : endpoints) {
            for (WebOperation operation : endpoint.getOperations()) {
                String path = path(operation.getRequestPredicate().getPath());
                HttpMethod method = HttpMethod.valueOf(operation.getRequestPredicate().getHttpMethod().name());
                router.endpoint(endpoint(method, path,
                        new OperationHandler(operation, responses, namespace)));
                paths.add(path);
            }
        }
        if (links != null) {
            String root = mapping.getPath().isEmpty() ? "/" : mapping.getPath();
            EndpointLinksResolver resolver = links;
            router.endpoint(endpoint(HttpMethod.GET, root, request -> {
                Map<String, Link> resolved = resolver.resolveLinks(OperationHandler.requestUrl(request));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("_links", resolved);
                return responses.json(HttpStatus.OK, OperationResponseBody.of(body), null);
            }));
            paths.add(root);
        }
        if (cors != null) {
            // Preflight requests name the method they intend; the interceptor answers them.
            for (String path : paths) {
                router.endpoint(endpoint(HttpMethod.OPTIONS, path, request -> Response.of(HttpStatus.NO_CONTENT)));
            }
        }
    }

    private Endpoint endpoint(HttpMethod method, String path, Handler handler) {
        Endpoint.Builder builder = Endpoint.of(method, path);
        if (cors != null) {
            builder.intercept(cors);
        }
        return builder.raw(handler);
    }

    private String path(String operationPath) {
        String path = mapping.createSubPath(operationPath);
        return path.isEmpty() ? "/" : path;
    }
}
