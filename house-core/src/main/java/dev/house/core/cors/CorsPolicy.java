package dev.house.core.cors;

import dev.house.core.http.HttpMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What one origin (or every origin) may do cross-origin: which methods and request headers a
 * preflight approves, which response headers scripts may read, whether credentials (cookies)
 * are allowed, and how long browsers may cache the preflight answer.
 *
 * <pre>{@code
 * CorsPolicy policy = CorsPolicy.builder()
 *         .allowMethods(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE)
 *         .allowHeaders("Content-Type", "X-Requested-With")
 *         .exposeHeaders("X-Total-Count")
 *         .allowCredentials(true)
 *         .maxAge(Duration.ofMinutes(10))
 *         .build();
 * }</pre>
 */
public final class CorsPolicy {
    private final Set<HttpMethod> methods;
    private final String methodList;
    private final Set<String> headers;
    private final boolean anyHeader;
    private final String headerList;
    private final String exposedHeaders;
    private final boolean credentials;
    private final Duration maxAge;

    private CorsPolicy(Builder b) {
        this.methods = Set.copyOf(b.methods);
        this.methodList = join(b.methods.stream().map(Enum::name).toList());
        this.anyHeader = b.anyHeader;
        Set<String> lower = new LinkedHashSet<>();
        for (String h : b.headers) {
            lower.add(h.toLowerCase(Locale.ROOT));
        }
        this.headers = Set.copyOf(lower);
        this.headerList = join(new ArrayList<>(b.headers));
        this.exposedHeaders = join(new ArrayList<>(b.exposed));
        this.credentials = b.credentials;
        this.maxAge = b.maxAge;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static String join(List<String> items) {
        return String.join(", ", items);
    }

    boolean allowsMethod(HttpMethod method) {
        return methods.contains(method);
    }

    boolean allowsHeader(String name) {
        return anyHeader || headers.contains(name.toLowerCase(Locale.ROOT));
    }

    boolean allowsAnyHeader() {
        return anyHeader;
    }

    String methodList() {
        return methodList;
    }

    String headerList() {
        return headerList;
    }

    String exposedHeaders() {
        return exposedHeaders;
    }

    public boolean allowsCredentials() {
        return credentials;
    }

    /** How long a preflight answer may be cached, or {@code null} to leave it to the browser. */
    public Duration maxAge() {
        return maxAge;
    }

    /**
     * The CORS-safelisted request headers (Fetch standard), approved by every policy: browsers
     * still preflight them for values outside the safelist, above all
     * {@code Content-Type: application/json}, which every {@code fetch} with a JSON body sends.
     */
    public static final List<String> SAFELISTED_HEADERS = List.of("Accept", "Accept-Language", "Content-Language",
            "Content-Type");

    /**
     * Collects a {@link CorsPolicy}; by default GET, HEAD and POST, the
     * {@linkplain #SAFELISTED_HEADERS safelisted headers}, no credentials.
     */
    public static final class Builder {
        private final Set<HttpMethod> methods = EnumSet.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST);
        private final Set<String> headers = new LinkedHashSet<>(SAFELISTED_HEADERS);
        private boolean anyHeader;
        private final Set<String> exposed = new LinkedHashSet<>();
        private boolean credentials;
        private Duration maxAge;

        private Builder() {
        }

        /** The methods a preflight approves (replacing the default GET, HEAD, POST). */
        public Builder allowMethods(HttpMethod... allowed) {
            methods.clear();
            for (HttpMethod m : allowed) {
                methods.add(Objects.requireNonNull(m, "method"));
            }
            return this;
        }

        /** Request headers a preflight approves besides the safelisted ones (case-insensitive). */
        public Builder allowHeaders(String... names) {
            for (String n : names) {
                headers.add(checkToken(n));
            }
            return this;
        }

        /** Approve whatever request headers a preflight asks for (echoed back, so it also works with credentials). */
        public Builder allowAnyHeader() {
            this.anyHeader = true;
            return this;
        }

        /** Response headers that scripts may read ({@code Access-Control-Expose-Headers}). */
        public Builder exposeHeaders(String... names) {
            for (String n : names) {
                exposed.add(checkToken(n));
            }
            return this;
        }

        /** Whether requests may carry cookies and read the response ({@code Access-Control-Allow-Credentials}). */
        public Builder allowCredentials(boolean allow) {
            this.credentials = allow;
            return this;
        }

        /** How long browsers may cache a preflight answer ({@code Access-Control-Max-Age}). */
        public Builder maxAge(Duration maxAge) {
            if (maxAge != null && maxAge.isNegative()) {
                throw new IllegalArgumentException("maxAge must not be negative: " + maxAge);
            }
            this.maxAge = maxAge;
            return this;
        }

        public CorsPolicy build() {
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("a CORS policy needs at least one method");
            }
            return new CorsPolicy(this);
        }

        private static String checkToken(String name) {
            Objects.requireNonNull(name, "header name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("header name must not be empty");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                    throw new IllegalArgumentException("not a header name: " + name);
                }
            }
            return name;
        }
    }
}
