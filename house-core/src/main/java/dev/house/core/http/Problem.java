package dev.house.core.http;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The one place an error body is written: every error the server produces (routing, parser,
 * handler exceptions, overload) is rendered here, as RFC 9457 {@code application/problem+json}
 * by default or as plain text ({@link ErrorFormat}). {@code instance} names the request
 * ({@code urn:house:request:<id>}) so a client's report can be matched with the server's log.
 * Built by hand rather than by a JSON library: house-core answers errors before any mapper is
 * known, and the members are a fixed, small set.
 */
public final class Problem {
    /** The media type of problem details (RFC 9457). */
    public static final String PROBLEM_JSON = "application/problem+json";
    /** RFC 9457 section 4.2.1: no more specific type than the status itself. */
    public static final String ABOUT_BLANK = "about:blank";
    private static final String INSTANCE_PREFIX = "urn:house:request:";

    private Problem() {
    }

    /** The {@code instance} member naming request {@code requestId} (0 when no request was read). */
    public static String instance(long requestId) {
        return requestId > 0 ? INSTANCE_PREFIX + requestId : null;
    }

    /**
     * An error response: {@code status} with a body naming the problem in {@code detail}.
     *
     * @param requestId the request's id for {@code instance}, or 0 when unknown (no member is written)
     */
    public static Response render(HttpStatus status, String detail, long requestId, ErrorFormat format) {
        if (format == ErrorFormat.TEXT) {
            return Response.bytes((detail + "\n").getBytes(StandardCharsets.UTF_8), Response.TEXT_PLAIN)
                    .status(status).errorDetail(detail);
        }
        StringBuilder json = new StringBuilder(128 + detail.length());
        json.append("{\"type\":\"").append(ABOUT_BLANK).append("\",\"title\":");
        quote(json, status.reason());
        json.append(",\"status\":").append(status.code()).append(",\"detail\":");
        quote(json, detail);
        String instance = instance(requestId);
        if (instance != null) {
            json.append(",\"instance\":\"").append(instance).append('"');
        }
        json.append("}\n");
        return Response.bytes(json.toString().getBytes(StandardCharsets.UTF_8), PROBLEM_JSON)
                .status(status).errorDetail(detail);
    }

    /** The 500 of an unexpected failure: no stack trace, only the request id to find it in the log. */
    public static Response internalError(Request request) {
        return Response.error(request, HttpStatus.INTERNAL_SERVER_ERROR,
                "Internal Server Error (request " + request.id() + ")");
    }

    /**
     * {@code response} as it goes out: a plain error made by {@link Response#error} (whose body no
     * one replaced) is rendered again with the request's id and the server's format. Every other
     * response is returned as it is.
     */
    public static Response finish(Response response, long requestId, ErrorFormat format) {
        String detail = response.errorDetail();
        if (detail == null) {
            return response;
        }
        Response rendered = render(response.status(), detail, requestId, format);
        response.headers().forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                rendered.headers().add(name, value);
            }
        });
        return rendered;
    }

    /** Appends {@code text} as a JSON string (RFC 8259 section 7), with Jackson's escaping. */
    static void quote(StringBuilder out, String text) {
        out.append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }
}
