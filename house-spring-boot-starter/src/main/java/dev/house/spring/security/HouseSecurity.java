package dev.house.spring.security;

import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.util.AntPathMatcher;

/**
 * Who may call which house route and subscribe to which channel: the configuration bean of house
 * security, the house counterpart of a {@code SecurityFilterChain}. Declare one as a bean to
 * replace the default (every route needs an authenticated user, except the Actuator health
 * probes):
 *
 * <pre>{@code
 * @Bean
 * HouseSecurity houseSecurity() {
 *     return HouseSecurity.builder()
 *             .request("/", "/index", "/app.js", "/style.css").permitAll()
 *             .request(HttpMethod.POST, "/send-message").authenticated()
 *             .request("/admin/**").hasRole("ADMIN")
 *             .anyRequest().authenticated()
 *             .channels((authentication, subscription) -> ...)
 *             .build();
 * }
 * }</pre>
 *
 * Rules are tried in declaration order and the first whose method and path pattern (Ant style:
 * {@code *}, {@code **}) match decides, through a Spring Security {@link AuthorizationManager};
 * a request no rule matches is decided by {@link Builder#anyRequest()} (default: authenticated).
 * An anonymous caller refused gets 401 with {@code WWW-Authenticate}, an authenticated one 403.
 */
public final class HouseSecurity {

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final List<Rule> rules;
    private final AuthorizationManager<Request> anyRequest;
    private final @Nullable AuthorizationManager<ChannelSubscription> channels;
    private final boolean httpBasic;
    private final boolean bearerTokens;
    private final boolean bearerTokenQueryParameter;
    private final boolean sessions;
    private final boolean csrf;
    private final SecurityHeaders headers;
    private final String realm;

    private HouseSecurity(Builder b) {
        this.rules = List.copyOf(b.rules);
        this.anyRequest = b.anyRequest;
        this.channels = b.channels;
        this.httpBasic = b.httpBasic;
        this.bearerTokens = b.bearerTokens;
        this.bearerTokenQueryParameter = b.bearerTokenQueryParameter;
        this.sessions = b.sessions;
        this.csrf = b.csrf;
        this.headers = b.headers;
        this.realm = b.realm;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What Boot does for MVC and WebFlux: the health probes open, everything else authenticated. */
    public static HouseSecurity defaults() {
        return builder().request(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                .anyRequest().authenticated().build();
    }

    /** The manager deciding {@code request}: the first matching rule's, else the any-request one. */
    AuthorizationManager<Request> managerFor(Request request) {
        String path = request.path();
        for (Rule rule : rules) {
            if (rule.matches(request.method(), path)) {
                return rule.manager;
            }
        }
        return anyRequest;
    }

    @Nullable AuthorizationManager<ChannelSubscription> channels() {
        return channels;
    }

    boolean httpBasic() {
        return httpBasic;
    }

    boolean bearerTokens() {
        return bearerTokens;
    }

    boolean bearerTokenQueryParameter() {
        return bearerTokenQueryParameter;
    }

    boolean sessions() {
        return sessions;
    }

    boolean csrf() {
        return csrf;
    }

    SecurityHeaders headers() {
        return headers;
    }

    String realm() {
        return realm;
    }

    private record Rule(@Nullable HttpMethod method, String[] patterns, AuthorizationManager<Request> manager) {
        boolean matches(HttpMethod requestMethod, String path) {
            if (method != null && method != requestMethod
                    && !(method == HttpMethod.GET && requestMethod == HttpMethod.HEAD)) {
                return false;
            }
            for (String pattern : patterns) {
                if (PATHS.match(pattern, path)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * The security headers added to every house response that does not set them itself, as
     * Spring Security writes them: {@code X-Content-Type-Options: nosniff},
     * {@code X-Frame-Options: DENY}, {@code Cache-Control: no-cache, no-store, max-age=0,
     * must-revalidate} (with {@code Pragma} and {@code Expires}) on responses to an authenticated
     * caller, and {@code Strict-Transport-Security} over TLS.
     *
     * @param contentTypeOptions whether to send {@code X-Content-Type-Options: nosniff}
     * @param frameOptions the {@code X-Frame-Options} value, or {@code null} for none
     * @param cacheControl whether authenticated responses are marked not to be cached
     * @param hsts the {@code Strict-Transport-Security} value over TLS, or {@code null} for none
     */
    public record SecurityHeaders(boolean contentTypeOptions, @Nullable String frameOptions, boolean cacheControl,
                                  @Nullable String hsts) {
        /** Spring Security's defaults. */
        public static SecurityHeaders defaults() {
            return new SecurityHeaders(true, "DENY", true, "max-age=31536000 ; includeSubDomains");
        }

        /** No security headers at all. */
        public static SecurityHeaders none() {
            return new SecurityHeaders(false, null, false, null);
        }
    }

    /** Assembles a {@link HouseSecurity}. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private AuthorizationManager<Request> anyRequest = AuthenticatedAuthorizationManager.authenticated();
        private @Nullable AuthorizationManager<ChannelSubscription> channels;
        private boolean httpBasic = true;
        private boolean bearerTokens = true;
        private boolean bearerTokenQueryParameter;
        private boolean sessions = true;
        private boolean csrf = true;
        private SecurityHeaders headers = SecurityHeaders.defaults();
        private String realm = "house";

        private Builder() {
        }

        /** A rule for these path patterns, any method. */
        public Access request(String... patterns) {
            return new Access(this, null, patterns);
        }

        /** A rule for {@code method} (GET covers HEAD) on these path patterns. */
        public Access request(HttpMethod method, String... patterns) {
            return new Access(this, Objects.requireNonNull(method, "method"), patterns);
        }

        /** What decides requests no rule matches (default: authenticated). */
        public Access anyRequest() {
            return new Access(this, null, null);
        }

        /**
         * Who may subscribe to which SSE channel, asked for each channel of a subscription after
         * the route itself was authorized; default: whoever may open the stream route.
         */
        public Builder channels(AuthorizationManager<ChannelSubscription> channels) {
            this.channels = Objects.requireNonNull(channels, "channels");
            return this;
        }

        /** Whether {@code Authorization: Basic} is accepted (default true). */
        public Builder httpBasic(boolean enabled) {
            this.httpBasic = enabled;
            return this;
        }

        /** Whether {@code Authorization: Bearer} JWTs are accepted when a {@code JwtDecoder} exists (default true). */
        public Builder bearerTokens(boolean enabled) {
            this.bearerTokens = enabled;
            return this;
        }

        /**
         * Whether a GET may carry its bearer token in the {@code access_token} query parameter
         * (RFC 6750 section 2.3), for browsers' {@code EventSource}, which cannot set headers.
         * Default false: tokens in URLs end up in logs.
         */
        public Builder bearerTokenQueryParameter(boolean enabled) {
            this.bearerTokenQueryParameter = enabled;
            return this;
        }

        /**
         * Whether an authentication saved in the house session ({@link HouseSecurityContext#save})
         * authenticates later requests carrying the session cookie (default true).
         */
        public Builder sessions(boolean enabled) {
            this.sessions = enabled;
            return this;
        }

        /**
         * Whether state-changing requests authenticated by the session cookie must prove they come
         * from the application's own pages: an {@code Origin} equal to the request's own, or the
         * session's CSRF token in {@code X-CSRF-TOKEN} (default true). Bearer and Basic requests
         * are exempt, as a browser never adds those by itself.
         */
        public Builder csrf(boolean enabled) {
            this.csrf = enabled;
            return this;
        }

        /** The security headers (default {@link SecurityHeaders#defaults()}). */
        public Builder headers(SecurityHeaders headers) {
            this.headers = Objects.requireNonNull(headers, "headers");
            return this;
        }

        /** The realm of {@code WWW-Authenticate: Basic} (default {@code house}). */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        public HouseSecurity build() {
            return new HouseSecurity(this);
        }

        private Builder add(@Nullable HttpMethod method, String @Nullable [] patterns,
                            AuthorizationManager<Request> manager) {
            if (patterns == null) {
                anyRequest = manager;
            } else {
                if (patterns.length == 0) {
                    throw new IllegalArgumentException("a rule needs at least one path pattern");
                }
                rules.add(new Rule(method, patterns.clone(), manager));
            }
            return this;
        }
    }

    /** The access a rule grants; each method completes the rule and returns the builder. */
    public static final class Access {
        private final Builder builder;
        private final @Nullable HttpMethod method;
        private final String @Nullable [] patterns;

        private Access(Builder builder, @Nullable HttpMethod method, String @Nullable [] patterns) {
            this.builder = builder;
            this.method = method;
            this.patterns = patterns;
        }

        public Builder permitAll() {
            return access((authentication, request) -> new AuthorizationDecision(true));
        }

        public Builder denyAll() {
            return access((authentication, request) -> new AuthorizationDecision(false));
        }

        public Builder authenticated() {
            return access(AuthenticatedAuthorizationManager.authenticated());
        }

        /** Any of these roles ({@code ROLE_} is added, as Spring Security does). */
        public Builder hasRole(String... roles) {
            return access(AuthorityAuthorizationManager.hasAnyRole(roles));
        }

        public Builder hasAuthority(String... authorities) {
            return access(AuthorityAuthorizationManager.hasAnyAuthority(authorities));
        }

        /** Any Spring Security authorization manager, given the house {@link Request}. */
        public Builder access(AuthorizationManager<Request> manager) {
            return builder.add(method, patterns, Objects.requireNonNull(manager, "manager"));
        }
    }
}
