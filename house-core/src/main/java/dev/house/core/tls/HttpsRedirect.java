package dev.house.core.tls;

import dev.house.core.http.Execution;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import dev.house.core.http.Route;

/**
 * A router for a plain-HTTP listener that sends every request to the same host and path over
 * HTTPS with 308 (method and body are kept by the client).
 */
public final class HttpsRedirect implements RequestRouter {
    private final int httpsPort;
    private final Route route;

    private HttpsRedirect(int httpsPort) {
        this.httpsPort = httpsPort;
        this.route = new Route(this::redirect, Execution.EVENT_LOOP, "https-redirect");
    }

    /** Redirects to {@code https://<host>:<httpsPort>/…} (the port is left out when 443). */
    public static HttpsRedirect to(int httpsPort) {
        if (httpsPort < 1 || httpsPort > 65535) {
            throw new IllegalArgumentException("httpsPort must be between 1 and 65535: " + httpsPort);
        }
        return new HttpsRedirect(httpsPort);
    }

    @Override
    public Route route(Request request) {
        return route;
    }

    private Response redirect(Request request) {
        String host = request.header("Host");
        if (host == null || host.isEmpty()) {
            return Response.error(HttpStatus.BAD_REQUEST, "A Host header is needed to redirect to HTTPS");
        }
        String hostname = stripPort(host);
        String target = request.target().startsWith("/") ? request.target() : request.path();
        String location = "https://" + hostname + (httpsPort == 443 ? "" : ":" + httpsPort) + target;
        return Response.of(HttpStatus.PERMANENT_REDIRECT).header("Location", location);
    }

    private static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
