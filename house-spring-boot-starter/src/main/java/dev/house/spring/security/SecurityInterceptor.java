package dev.house.spring.security;

import dev.house.core.http.Body;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Interceptor;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.ResponseStream;
import dev.house.core.http.StreamExecutor;
import dev.house.core.session.Session;
import dev.house.core.session.Sessions;
import dev.house.core.sse.SseEvent;
import dev.house.core.sse.spi.SseEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Applies {@link HouseSecurity} to every house request, first among the application's
 * interceptors: authenticates it (bearer JWT, HTTP Basic, or the house session), checks CSRF for
 * session-authenticated unsafe requests, authorizes it, and sets the {@link SecurityContext} on
 * the thread that runs the handler (cleared in {@link #after}). On the way out it adds the
 * security headers, turns a handler's {@link AccessDeniedException} (method security) into
 * 403/401, and arms the end of a stream opened with a token at the token's expiry.
 */
public final class SecurityInterceptor implements Interceptor, Ordered {

    /** The event a JWT-authenticated SSE stream gets just before it ends at the token's expiry. */
    public static final String AUTH_EXPIRED_EVENT = "house-auth-expired";
    /** Right after the sessions, before any application interceptor. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

    private static final String EXPIRY_ATTRIBUTE = "dev.house.spring.security.expires";
    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    private final HouseSecurity security;
    private final @Nullable AuthenticationManager authenticationManager;
    private final @Nullable BearerTokens bearerTokens;
    private final @Nullable Sessions sessions;
    private final Clock clock;

    /**
     * @param authenticationManager checks Basic credentials, or {@code null} for no Basic
     * @param bearerTokens verifies bearer tokens, or {@code null} when there is no {@code JwtDecoder}
     * @param sessions the house sessions, or {@code null} when disabled
     */
    public SecurityInterceptor(HouseSecurity security, @Nullable AuthenticationManager authenticationManager,
                               @Nullable BearerTokens bearerTokens, @Nullable Sessions sessions, Clock clock) {
        this.security = security;
        this.authenticationManager = security.httpBasic() ? authenticationManager : null;
        this.bearerTokens = security.bearerTokens() ? bearerTokens : null;
        this.sessions = security.sessions() ? sessions : null;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public @Nullable Response before(Request request) {
        Authentication authentication;
        boolean bySession = false;
        try {
            Authentication fromHeader = fromAuthorization(request);
            if (fromHeader != null) {
                authentication = fromHeader;
            } else {
                Authentication saved = fromSession(request);
                bySession = saved != null;
                authentication = saved != null ? saved : HouseSecurityContext.ANONYMOUS;
            }
        } catch (Refused refused) {
            return unauthorized(request, refused.challenge, refused.getMessage());
        }
        request.attribute(HouseSecurityContext.REQUEST_ATTRIBUTE, authentication);
        if (bySession && security.csrf() && !isSafe(request.method())) {
            String problem = csrfProblem(request);
            if (problem != null) {
                return decorate(request, Response.error(request, HttpStatus.FORBIDDEN, problem), authentication);
            }
        }
        AuthorizationManager<Request> manager = security.managerFor(request);
        AuthorizationResult result = manager.authorize(() -> authentication, request);
        if (result != null && !result.isGranted()) {
            return denied(request, authentication);
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        return null;
    }

    @Override
    public Response after(Request request, Response response) {
        try {
            Authentication authentication = HouseSecurityContext.of(request);
            if (response.failure() instanceof AccessDeniedException) {
                // Method security refused inside the handler: the caller's fault, not a server failure.
                return denied(request, authentication == null ? HouseSecurityContext.ANONYMOUS : authentication);
            }
            if (request.attribute(EXPIRY_ATTRIBUTE) instanceof Instant expiresAt
                    && response.body() instanceof Body.Stream stream) {
                response.body(endingAt(stream, expiresAt, isEventStream(response)));
            }
            return decorate(request, response, authentication);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    // ---- authentication ------------------------------------------------------------------------

    private @Nullable Authentication fromAuthorization(Request request) {
        String header = request.header("Authorization");
        if (header == null) {
            String token = security.bearerTokenQueryParameter() && request.method() == HttpMethod.GET
                    ? request.queryParameter("access_token") : null;
            return token == null || bearerTokens == null ? null : bearer(request, token);
        }
        int space = header.indexOf(' ');
        String scheme = space < 0 ? header : header.substring(0, space);
        String credentials = space < 0 ? "" : header.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Bearer") && bearerTokens != null) {
            return bearer(request, credentials);
        }
        if (scheme.equalsIgnoreCase("Basic") && authenticationManager != null) {
            return basic(credentials);
        }
        throw new Refused(Challenge.ANY, "This authorization scheme is not accepted");
    }

    private Authentication bearer(Request request, String token) {
        if (token.isEmpty()) {
            throw new Refused(Challenge.BEARER_INVALID, "The bearer token is empty");
        }
        try {
            BearerTokens.Verified verified = bearerTokens.verify(token);
            if (verified.expiresAt() != null) {
                request.attribute(EXPIRY_ATTRIBUTE, verified.expiresAt());
            }
            return verified.authentication();
        } catch (BearerTokens.InvalidBearerToken ex) {
            throw new Refused(Challenge.BEARER_INVALID, ex.getMessage());
        }
    }

    private Authentication basic(String credentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException ex) {
            throw new Refused(Challenge.BASIC, "The Basic credentials are not valid Base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new Refused(Challenge.BASIC, "The Basic credentials have no user:password form");
        }
        try {
            return authenticationManager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(
                    decoded.substring(0, colon), decoded.substring(colon + 1)));
        } catch (AuthenticationException ex) {
            throw new Refused(Challenge.BASIC, "Bad credentials");
        }
    }

    private @Nullable Authentication fromSession(Request request) {
        if (sessions == null) {
            return null;
        }
        Session session = sessions.get(request);
        if (session == null) {
            return null;
        }
        return session.attribute(HouseSecurityContext.SESSION_ATTRIBUTE) instanceof Authentication saved
                ? saved : null;
    }

    // ---- CSRF ----------------------------------------------------------------------------------

    private static boolean isSafe(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS
                || method == HttpMethod.TRACE;
    }

    /** Why this session-authenticated unsafe request is refused, or {@code null} when it may go on. */
    private @Nullable String csrfProblem(Request request) {
        String token = request.header(HouseSecurityContext.CSRF_HEADER);
        if (token != null) {
            Session session = sessions.get(request);
            Object expected = session == null ? null : session.attribute(HouseSecurityContext.CSRF_ATTRIBUTE);
            return token.equals(expected) ? null : "The CSRF token does not match the session's";
        }
        String origin = request.header("Origin");
        String host = request.header("Host");
        if (origin == null || host == null) {
            return "A state-changing request with a session cookie needs an Origin header or a CSRF token";
        }
        String own = (request.isSecure() ? "https://" : "http://") + host.toLowerCase(Locale.ROOT);
        return origin.toLowerCase(Locale.ROOT).equals(own) ? null : "Cross-site request refused (Origin does not match)";
    }

    // ---- answers -------------------------------------------------------------------------------

    private Response denied(Request request, Authentication authentication) {
        SecurityContextHolder.clearContext();
        if (TRUST.isAnonymous(authentication)) {
            return unauthorized(request, Challenge.ANY, "Authentication is required");
        }
        return decorate(request, Response.error(request, HttpStatus.FORBIDDEN, "Access is denied"), authentication);
    }

    private Response unauthorized(Request request, Challenge challenge, String detail) {
        SecurityContextHolder.clearContext();
        Response response = Response.error(request, HttpStatus.UNAUTHORIZED, detail);
        switch (challenge) {
            case BASIC -> response.headers().add("WWW-Authenticate", basicChallenge());
            case BEARER_INVALID -> response.headers().add("WWW-Authenticate",
                    "Bearer error=\"invalid_token\", error_description=\"" + detail + "\"");
            case ANY -> {
                if (bearerTokens != null) {
                    response.headers().add("WWW-Authenticate", "Bearer");
                }
                if (authenticationManager != null || bearerTokens == null) {
                    response.headers().add("WWW-Authenticate", basicChallenge());
                }
            }
        }
        return decorate(request, response, null);
    }

    private String basicChallenge() {
        return "Basic realm=\"" + security.realm() + "\"";
    }

    private Response decorate(Request request, Response response, @Nullable Authentication authentication) {
        HouseSecurity.SecurityHeaders headers = security.headers();
        if (headers.contentTypeOptions() && !response.headers().contains("X-Content-Type-Options")) {
            response.header("X-Content-Type-Options", "nosniff");
        }
        if (headers.frameOptions() != null && !response.headers().contains("X-Frame-Options")) {
            response.header("X-Frame-Options", headers.frameOptions());
        }
        if (headers.cacheControl() && authentication != null && !TRUST.isAnonymous(authentication)
                && !response.headers().contains("Cache-Control")) {
            response.header("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
                    .header("Pragma", "no-cache").header("Expires", "0");
        }
        if (headers.hsts() != null && request.isSecure() && !response.headers().contains("Strict-Transport-Security")) {
            response.header("Strict-Transport-Security", headers.hsts());
        }
        return response;
    }

    // ---- streams ending at the token's expiry -------------------------------------------------

    private static boolean isEventStream(Response response) {
        String type = response.headers().get("Content-Type");
        return type != null && type.regionMatches(true, 0, "text/event-stream", 0, 17);
    }

    private Body.Stream endingAt(Body.Stream stream, Instant expiresAt, boolean sse) {
        return new Body.Stream(open -> {
            stream.handler().onOpen(open);
            armExpiry(open, expiresAt, sse);
        });
    }

    private void armExpiry(ResponseStream stream, Instant expiresAt, boolean sse) {
        long delay = Math.max(0, Duration.between(clock.instant(), expiresAt).toNanos());
        StreamExecutor.Cancellable end = stream.executor().schedule(() -> expire(stream, expiresAt, sse), delay, TimeUnit.NANOSECONDS);
        stream.onClose(end::cancel);
    }

    /**
     * Tells the page why (so it can fetch a fresh token) and ends the stream; on the stream's
     * loop. Never before {@code exp} by the wall clock (loop timers run on the monotonic clock),
     * so a reconnect with the same token is always past it and refused.
     */
    private void expire(ResponseStream stream, Instant expiresAt, boolean sse) {
        if (!stream.isOpen()) {
            return;
        }
        if (clock.instant().isBefore(expiresAt)) {
            armExpiry(stream, expiresAt, sse);
            return;
        }
        if (sse) {
            stream.send(SseEncoder.encode(SseEvent.named(AUTH_EXPIRED_EVENT,
                    "{\"reason\":\"token expired\",\"status\":401}")));
        }
        stream.close();
    }

    /** Which {@code WWW-Authenticate} challenge a 401 carries. */
    private enum Challenge { BASIC, BEARER_INVALID, ANY }

    /** Authentication failed; caught in {@link #before}. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Challenge challenge;

        Refused(Challenge challenge, String message) {
            super(message, null, false, false);
            this.challenge = challenge;
        }
    }
}
