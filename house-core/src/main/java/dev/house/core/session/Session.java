package dev.house.core.session;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server-side session: attributes kept between requests of one client, found again through
 * its cookie. Attributes are safe to use from several handler threads at once. The session's
 * token is deliberately not exposed: it is a credential and has no business in logs.
 */
public final class Session {
    private final String token;
    private final Instant createdAt;
    private final ConcurrentHashMap<String, Object> attributes = new ConcurrentHashMap<>();
    private final Sessions owner;
    private volatile long lastAccessNanos;
    private volatile boolean invalidated;

    Session(String token, Instant createdAt, long nowNanos, Sessions owner) {
        this.token = token;
        this.createdAt = createdAt;
        this.lastAccessNanos = nowNanos;
        this.owner = owner;
    }

    String token() {
        return token;
    }

    long lastAccessNanos() {
        return lastAccessNanos;
    }

    void touch(long nowNanos) {
        lastAccessNanos = nowNanos;
    }

    /** When the session was created. */
    public Instant createdAt() {
        return createdAt;
    }

    /** The attribute's value, or {@code null}. */
    public Object attribute(String name) {
        return attributes.get(Objects.requireNonNull(name, "name"));
    }

    /** The attribute's value cast to {@code type}, or {@code null}. */
    public <T> T attribute(String name, Class<T> type) {
        return type.cast(attribute(name));
    }

    /** Sets an attribute; {@code null} removes it. */
    public void attribute(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    /** Removes an attribute and returns its old value, or {@code null}. */
    public Object removeAttribute(String name) {
        return attributes.remove(Objects.requireNonNull(name, "name"));
    }

    /** A snapshot of the attribute names. */
    public Set<String> attributeNames() {
        return Set.copyOf(attributes.keySet());
    }

    /**
     * Ends the session: it is removed from the store, and when this happens during a request
     * that went through {@link Sessions#interceptor()}, the response tells the browser to drop
     * the cookie.
     */
    public void invalidate() {
        invalidated = true;
        owner.remove(this);
    }

    /** Whether {@link #invalidate()} was called or the store expired or evicted this session. */
    public boolean isInvalidated() {
        return invalidated;
    }

    void markInvalidated() {
        invalidated = true;
    }

    @Override
    public String toString() {
        return "Session[created " + createdAt + ", " + attributes.size() + " attributes]";
    }
}
