package dev.house.core.http;


/**
 * Code run around every handler, in registration order before and in reverse order after: the
 * place for authentication, ACLs and rate limits. {@link #before} may answer the request itself
 * (401, 403, 429...), in which case the handler does not run.
 */
public interface Interceptor {

    /** Returns a response to short-circuit the exchange, or {@code null} to go on. */
    default Response before(Request request) throws Exception {
        return null;
    }

    /** Sees (and may replace) the response on its way out. */
    default Response after(Request request, Response response) throws Exception {
        return response;
    }
}
