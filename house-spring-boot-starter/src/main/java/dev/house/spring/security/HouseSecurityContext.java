package dev.house.spring.security;

import dev.house.core.http.Request;
import dev.house.core.session.Session;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The house session as an authentication mechanism: a handler that has checked a user (a login
 * route) saves the authentication in the session, and later requests with the session cookie
 * are that user. State-changing requests authenticated this way pass the CSRF check.
 */
public final class HouseSecurityContext {

    /** The session attribute holding the saved {@link Authentication}. */
    public static final String SESSION_ATTRIBUTE = "dev.house.spring.security.authentication";
    /** The session attribute holding the session's CSRF token. */
    public static final String CSRF_ATTRIBUTE = "dev.house.spring.security.csrf";
    /** The request header carrying the CSRF token. */
    public static final String CSRF_HEADER = "X-CSRF-TOKEN";
    /** The request attribute holding the current request's {@link Authentication}. */
    public static final String REQUEST_ATTRIBUTE = "dev.house.spring.authentication";

    /** Who a request without credentials is, as Spring Security's anonymous filter names it. */
    static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("house", "anonymousUser",
            AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));

    private static final SecureRandom RANDOM = new SecureRandom();

    private HouseSecurityContext() {
    }

    /** Saves {@code authentication} in {@code session}; returns the session's CSRF token for the page. */
    public static String save(Session session, Authentication authentication) {
        session.attribute(SESSION_ATTRIBUTE, authentication);
        return csrfToken(session);
    }

    /** The session's CSRF token, made on first use. */
    public static String csrfToken(Session session) {
        Object token = session.attribute(CSRF_ATTRIBUTE);
        if (token instanceof String text) {
            return text;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String made = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.attribute(CSRF_ATTRIBUTE, made);
        return made;
    }

    /** The authentication house security gave {@code request} (anonymous when nobody signed in). */
    public static @Nullable Authentication of(Request request) {
        return request.attribute(REQUEST_ATTRIBUTE) instanceof Authentication authentication ? authentication : null;
    }
}
