package dev.house.spring.handler;

import dev.house.core.http.HttpHeaders;
import dev.house.core.http.HttpStatus;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a route method returns to set the status and headers of its answer without building a
 * {@link dev.house.core.http.Response}: the body is sent as the route sends any body (JSON for a
 * {@link JsonRoute}, text or bytes for a {@link ClosingRoute}).
 *
 * <pre>{@code
 * return Reply.status(201).header("Location", "/rooms/" + id).body(room);
 * }</pre>
 *
 * @param <T> the body's type
 */
public final class Reply<T> {

    private final HttpStatus status;
    private final HttpHeaders headers;
    private final @Nullable T body;

    private Reply(HttpStatus status, HttpHeaders headers, @Nullable T body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** 200 with {@code body}. */
    public static <T> Reply<T> ok(T body) {
        return new Reply<>(HttpStatus.OK, new HttpHeaders(), body);
    }

    /** A reply with this status; add headers, then the body. */
    public static Builder status(int status) {
        return new Builder(HttpStatus.of(status));
    }

    public HttpStatus status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public @Nullable T body() {
        return body;
    }

    /** Collects a {@link Reply}. */
    public static final class Builder {
        private final HttpStatus status;
        private final HttpHeaders headers = new HttpHeaders();

        private Builder(HttpStatus status) {
            this.status = status;
        }

        public Builder header(String name, String value) {
            headers.add(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public <T> Reply<T> body(@Nullable T body) {
            return new Reply<>(status, headers, body);
        }

        /** No body (204 is typical). */
        public Reply<Void> build() {
            return new Reply<>(status, headers, null);
        }
    }
}
