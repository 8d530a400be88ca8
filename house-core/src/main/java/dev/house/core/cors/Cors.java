package dev.house.core.cors;

import dev.house.core.http.Interceptor;
import dev.house.core.http.HttpHeaders;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Cross-origin resource sharing as an {@link Interceptor}, configured per origin. It answers
 * preflights ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method})
 * itself with 204 and the origin's policy, or 403 when the origin, method or a header is not
 * allowed; on other requests from an allowed origin it adds {@code Access-Control-Allow-Origin}
 * with that exact origin. Requests from other origins get no CORS headers, so browsers keep the
 * response from their scripts. Nothing is added for origins that are not configured.
 *
 * <pre>{@code
 * Cors cors = Cors.builder()
 *         .allow("https://app.example.com", CorsPolicy.builder().allowCredentials(true).build())
 *         .allowAnyOrigin(CorsPolicy.builder().build())   // optional: "*" for everyone else
 *         .build();
 * }</pre>
 *
 * <p>Every response through a CORS interceptor with per-origin rules carries {@code Vary: Origin},
 * since its headers depend on the requesting origin and shared caches must know.
 */
public final class Cors implements Interceptor {
    private static final String VARY_PREFLIGHT = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

    private final Map<String, CorsPolicy> byOrigin;
    private final CorsPolicy anyOrigin;

    private Cors(Map<String, CorsPolicy> byOrigin, CorsPolicy anyOrigin) {
        this.byOrigin = Map.copyOf(byOrigin);
        this.anyOrigin = anyOrigin;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Response before(Request request) {
        if (!isPreflight(request)) {
            return null;
        }
        String origin = request.header("Origin");
        String requestedMethod = request.header("Access-Control-Request-Method");
        CorsPolicy policy = policyFor(origin);
        if (policy == null) {
            return forbidden("CORS preflight from an origin that is not allowed");
        }
        HttpMethod method = methodNamed(requestedMethod.trim());
        if (method == null || !policy.allowsMethod(method)) {
            return forbidden("CORS preflight for a method that is not allowed");
        }
        String requestedHeaders = request.header("Access-Control-Request-Headers");
        if (requestedHeaders != null && !allHeadersAllowed(policy, requestedHeaders)) {
            return forbidden("CORS preflight for a header that is not allowed");
        }
        Response response = Response.of(HttpStatus.NO_CONTENT);
        allowOrigin(response, origin, policy);
        response.header("Access-Control-Allow-Methods", policy.methodList());
        String allowHeaders = policy.allowsAnyHeader()
                ? (requestedHeaders == null ? "" : requestedHeaders.trim())
                : policy.headerList();
        if (!allowHeaders.isEmpty()) {
            response.header("Access-Control-Allow-Headers", allowHeaders);
        }
        if (policy.maxAge() != null) {
            response.header("Access-Control-Max-Age", Long.toString(policy.maxAge().toSeconds()));
        }
        addVary(response.headers(), VARY_PREFLIGHT);
        return response;
    }

    @Override
    public Response after(Request request, Response response) {
        if (!byOrigin.isEmpty()) {
            addVary(response.headers(), "Origin");
        }
        String origin = request.header("Origin");
        if (origin == null || isPreflight(request)) {
            return response; // not cross-origin, or a preflight already answered (or refused) by before()
        }
        CorsPolicy policy = policyFor(origin);
        if (policy == null) {
            return response;
        }
        allowOrigin(response, origin, policy);
        if (!policy.exposedHeaders().isEmpty()) {
            response.header("Access-Control-Expose-Headers", policy.exposedHeaders());
        }
        return response;
    }

    private static boolean isPreflight(Request request) {
        return request.method() == HttpMethod.OPTIONS && request.headers().contains("Origin")
                && request.headers().contains("Access-Control-Request-Method");
    }

    private CorsPolicy policyFor(String origin) {
        CorsPolicy policy = byOrigin.get(origin.trim().toLowerCase(Locale.ROOT));
        return policy != null ? policy : anyOrigin;
    }

    private void allowOrigin(Response response, String origin, CorsPolicy policy) {
        boolean specific = byOrigin.containsKey(origin.trim().toLowerCase(Locale.ROOT));
        if (specific) {
            // The exact origin, never "*": only then may credentials be allowed.
            response.header("Access-Control-Allow-Origin", origin.trim());
            if (policy.allowsCredentials()) {
                response.header("Access-Control-Allow-Credentials", "true");
            }
        } else {
            response.header("Access-Control-Allow-Origin", "*");
        }
    }

    private static boolean allHeadersAllowed(CorsPolicy policy, String list) {
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            String name = list.substring(start, end).trim();
            if (!name.isEmpty() && !policy.allowsHeader(name)) {
                return false;
            }
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return true;
    }

    private static HttpMethod methodNamed(String name) {
        for (HttpMethod m : HttpMethod.values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        return null;
    }

    private static void addVary(HttpHeaders headers, String names) {
        String vary = headers.get("Vary");
        if (vary == null) {
            headers.set("Vary", names);
            return;
        }
        if (headers.containsToken("Vary", "*")) {
            return;
        }
        StringBuilder merged = new StringBuilder(vary);
        for (String name : names.split(", ")) {
            if (!headers.containsToken("Vary", name)) {
                merged.append(", ").append(name);
            }
        }
        headers.set("Vary", merged.toString());
    }

    private static Response forbidden(String message) {
        return Response.error(HttpStatus.FORBIDDEN, message);
    }

    /** Collects per-origin policies. */
    public static final class Builder {
        private final Map<String, CorsPolicy> byOrigin = new HashMap<>();
        private CorsPolicy anyOrigin;

        private Builder() {
        }

        /**
         * Allows {@code origin} (scheme, host and optional port, as browsers send it:
         * {@code https://app.example.com:8443}) under {@code policy}.
         */
        public Builder allow(String origin, CorsPolicy policy) {
            Objects.requireNonNull(policy, "policy");
            byOrigin.put(Origins.normalise(origin), policy);
            return this;
        }

        /** Allows several origins under one policy. */
        public Builder allow(CorsPolicy policy, String... origins) {
            for (String origin : origins) {
                allow(origin, policy);
            }
            return this;
        }

        /**
         * Allows every origin not configured with {@link #allow} under {@code policy}, answering
         * with {@code Access-Control-Allow-Origin: *}. Such a policy cannot allow credentials.
         */
        public Builder allowAnyOrigin(CorsPolicy policy) {
            Objects.requireNonNull(policy, "policy");
            if (policy.allowsCredentials()) {
                throw new IllegalArgumentException(
                        "credentials cannot be allowed for any origin: list the origins with allow(...)");
            }
            this.anyOrigin = policy;
            return this;
        }

        public Cors build() {
            return new Cors(byOrigin, anyOrigin);
        }
    }
}
