package dev.house.core.http;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A response as a handler builds it: status, headers and a {@link Body}. The server adds
 * {@code Date}, {@code Content-Length} or {@code Transfer-Encoding}, and {@code Connection}
 * itself. Built by one thread and then handed over; not safe for concurrent mutation.
 */
public final class Response {
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    public static final String TEXT_HTML = "text/html; charset=utf-8";
    public static final String APPLICATION_JSON = "application/json";

    private HttpStatus status;
    private final HttpHeaders headers = new HttpHeaders();
    private Body body;
    /** The detail of an error made by {@link #error}, until someone replaces its body. */
    private String errorDetail;
    private Throwable failure;

    private Response(HttpStatus status, Body body) {
        this.status = Objects.requireNonNull(status, "status");
        this.body = Objects.requireNonNull(body, "body");
    }

    /** An empty response with this status. */
    public static Response of(HttpStatus status) {
        return new Response(status, Body.EMPTY);
    }

    /** 200 with {@code text/plain; charset=utf-8}. */
    public static Response text(String text) {
        return bytes(text.getBytes(StandardCharsets.UTF_8), TEXT_PLAIN);
    }

    /** 200 with {@code text/html; charset=utf-8}. */
    public static Response html(String html) {
        return bytes(html.getBytes(StandardCharsets.UTF_8), TEXT_HTML);
    }

    /** 200 with these bytes and content type. */
    public static Response bytes(byte[] bytes, String contentType) {
        Response r = new Response(HttpStatus.OK, new Body.Bytes(bytes));
        r.headers.set("Content-Type", contentType);
        return r;
    }

    /** 200 streaming {@code length} bytes of {@code file} from disk. */
    public static Response file(Path file, long length, String contentType) {
        Response r = new Response(HttpStatus.OK, new Body.FileRegion(file, 0, length));
        r.headers.set("Content-Type", contentType);
        return r;
    }

    /** 200 whose body stays open: {@code handler} gets the {@link ResponseStream}. */
    public static Response stream(String contentType, StreamHandler handler) {
        Response r = new Response(HttpStatus.OK, new Body.Stream(handler));
        r.headers.set("Content-Type", contentType);
        return r;
    }

    /**
     * An error reply: {@code status} with a short message naming the problem, as an RFC 9457
     * problem ({@link Problem}). On its way out the server renders it once more with the
     * request's id ({@code instance}) and its configured {@link ErrorFormat}.
     */
    public static Response error(HttpStatus status, String message) {
        return Problem.render(status, message, 0, ErrorFormat.PROBLEM_JSON);
    }

    /** As {@link #error(HttpStatus, String)}, already naming {@code request} in {@code instance}. */
    public static Response error(Request request, HttpStatus status, String message) {
        return Problem.render(status, message, request.id(), ErrorFormat.PROBLEM_JSON);
    }

    public HttpStatus status() {
        return status;
    }

    public Response status(HttpStatus status) {
        this.status = Objects.requireNonNull(status, "status");
        return this;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** Sets a header, replacing any of the same name. */
    public Response header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    public Body body() {
        return body;
    }

    public Response body(Body body) {
        this.body = Objects.requireNonNull(body, "body");
        this.errorDetail = null;
        return this;
    }

    /** The message of an error made by {@link #error} whose body is still the one it got, else {@code null}. */
    public String errorDetail() {
        return errorDetail;
    }

    /**
     * The unexpected exception this 500 answers, when the handler chain caught it itself (so
     * interceptors saw the 500); the server logs it and tells its listeners. Never sent.
     */
    public Throwable failure() {
        return failure;
    }

    /** Records the exception this response answers; see {@link #failure()}. */
    public Response failure(Throwable failure) {
        this.failure = failure;
        return this;
    }

    Response errorDetail(String detail) {
        this.errorDetail = detail;
        return this;
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + headers + "]";
    }
}
