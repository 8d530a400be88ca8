package dev.house.core.session;

import dev.house.core.http.Interceptor;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * A bounded in-memory session store with cookie handling. A session exists only once a handler
 * asks for one with {@link #getOrCreate}; {@link #get} never creates. Sessions expire after an
 * idle timeout and, when the store is full, the least recently used one is evicted. The
 * {@link #interceptor()} must run around handlers that use sessions: it sends the cookie of a
 * session created during the request.
 *
 * <pre>{@code
 * Sessions sessions = Sessions.builder()
 *         .idleTimeout(Duration.ofMinutes(30))
 *         .onCreate((session, request) -> session.attribute("visits", new AtomicInteger()))
 *         .build();
 * // install sessions.interceptor(), then in a handler:
 * Session session = sessions.getOrCreate(request);
 * }</pre>
 *
 * <p>The cookie is {@code HttpOnly}, {@code SameSite=Lax}, {@code Path=/}, and {@code Secure}
 * when the request came over TLS; its value is a 256-bit {@link java.security.SecureRandom}
 * token. It has no {@code Max-Age}: the browser keeps it for its session, the server decides
 * when the session ends.
 */
public final class Sessions {
    private static final String STATE_ATTRIBUTE = Sessions.class.getName() + ".state";
    /** The mark the interceptor leaves on a request: sessions may be used, none has been yet. */
    private static final Object PASSED_INTERCEPTOR = new Object();

    private final Duration idleTimeout;
    private final long idleNanos;
    private final int maxSessions;
    private final BiConsumer<Session, Request> onCreate;
    private final LongSupplier nanoTime;
    private final SessionCookie cookie;
    private final TokenGenerator tokens = new TokenGenerator();
    private final ReentrantLock lock = new ReentrantLock();
    /** Access-ordered, so the eldest entry is both least recently used and first to expire. */
    private final LinkedHashMap<String, Session> store = new LinkedHashMap<>(64, 0.75f, true);
    private final Interceptor interceptor = new CookieInterceptor();
    /**
     * Whether this store ever made a request's session record. Until then no request can have
     * one, so the interceptor's {@code after} skips looking for it: an application whose handlers
     * never touch a session pays only the mark. Plain, not volatile: a record is made by the
     * thread running the request's handler (or one that hands its result back to it, which
     * orders the write before the interceptor's read), and a stale {@code false} seen by another
     * request only means that request has no record either.
     */
    private boolean recordsMade;

    private Sessions(Builder b) {
        this.idleTimeout = b.idleTimeout;
        this.idleNanos = b.idleTimeout.toNanos();
        this.maxSessions = b.maxSessions;
        this.onCreate = b.onCreate;
        this.nanoTime = b.nanoTime;
        this.cookie = new SessionCookie(b.cookieName);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The interceptor that makes sessions available to a request and sends the cookie back. */
    public Interceptor interceptor() {
        return interceptor;
    }

    /** The request's live session, or {@code null} when it has none (never creates one). */
    public Session get(Request request) {
        RequestState state = stateToRecord(request);
        if (state != null && state.current != null && !state.current.isInvalidated()) {
            return state.current;
        }
        String token = cookie.token(request);
        if (token == null) {
            return null;
        }
        Session session;
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            expireIdle(now);
            session = store.get(token); // also marks it most recently used
            if (session != null) {
                session.touch(now);
            }
        } finally {
            lock.unlock();
        }
        if (session != null && state != null) {
            state.current = session;
            state.presented = session;
        }
        return session;
    }

    /**
     * The request's session, created (with a new token, running the creation hook) when it has
     * none or its session expired.
     *
     * @throws IllegalStateException when the request did not pass through {@link #interceptor()},
     *         which would create a session whose cookie never reaches the client
     */
    public Session getOrCreate(Request request) {
        RequestState state = stateToRecord(request);
        if (state == null) {
            throw new IllegalStateException("Sessions.interceptor() must run around this handler, "
                    + "otherwise the session cookie never reaches the client");
        }
        Session existing = get(request);
        if (existing != null) {
            return existing;
        }
        Session session = new Session(tokens.next(), Instant.now(), nanoTime.getAsLong(), this);
        // The hook runs before the session is published, so no other request sees it half set up.
        onCreate.accept(session, request);
        lock.lock();
        try {
            long now = nanoTime.getAsLong();
            expireIdle(now);
            while (store.containsKey(session.token())) { // 2^-256 odds, but cheap to rule out
                session = new Session(tokens.next(), session.createdAt(), now, this);
            }
            session.touch(now);
            store.put(session.token(), session);
            evictOverflow();
        } finally {
            lock.unlock();
        }
        state.current = session;
        state.created = session;
        return session;
    }

    /** How many live sessions are stored (expired ones are dropped first). */
    public int size() {
        lock.lock();
        try {
            expireIdle(nanoTime.getAsLong());
            return store.size();
        } finally {
            lock.unlock();
        }
    }

    public Duration idleTimeout() {
        return idleTimeout;
    }

    void remove(Session session) {
        lock.lock();
        try {
            store.remove(session.token(), session);
        } finally {
            lock.unlock();
        }
    }

    /** Drops expired sessions; they sit at the head of the access order, so this stops at the first live one. */
    private void expireIdle(long now) {
        Iterator<Session> it = store.values().iterator();
        while (it.hasNext()) {
            Session s = it.next();
            if (now - s.lastAccessNanos() < idleNanos) {
                return;
            }
            it.remove();
            s.markInvalidated();
        }
    }

    private void evictOverflow() {
        Iterator<Map.Entry<String, Session>> it = store.entrySet().iterator();
        while (store.size() > maxSessions && it.hasNext()) {
            Session eldest = it.next().getValue();
            it.remove();
            eldest.markInvalidated();
        }
    }

    /**
     * The request's session record, made on first use: {@code null} when the request did not pass
     * through the interceptor, which only marks it, so a request that never touches a session
     * costs one attribute and allocates nothing.
     */
    private RequestState stateToRecord(Request request) {
        Object state = request.attribute(STATE_ATTRIBUTE);
        if (state == PASSED_INTERCEPTOR) {
            if (!recordsMade) { // written once, not per record: the store is shared by every loop
                recordsMade = true;
            }
            RequestState record = new RequestState();
            request.attribute(STATE_ATTRIBUTE, record);
            return record;
        }
        return (RequestState) state;
    }

    /** What happened to sessions during one request, for the cookie decision on the way out. */
    private static final class RequestState {
        Session current;
        Session created;
        Session presented;
    }

    /** Marks requests as session-capable and writes {@code Set-Cookie} on the way out. */
    private final class CookieInterceptor implements Interceptor {
        @Override
        public Response before(Request request) {
            request.attribute(STATE_ATTRIBUTE, PASSED_INTERCEPTOR);
            return null;
        }

        @Override
        public Response after(Request request, Response response) {
            if (!recordsMade || !(request.attribute(STATE_ATTRIBUTE) instanceof RequestState state)) {
                return response; // no handler asked for a session: nothing to send
            }
            boolean secure = request.isSecure();
            if (state.created != null && !state.created.isInvalidated()) {
                response.headers().add("Set-Cookie", cookie.issue(state.created.token(), secure));
            } else if (state.presented != null && state.presented.isInvalidated()) {
                response.headers().add("Set-Cookie", cookie.clear(secure));
            }
            return response;
        }
    }

    /** Settings of a {@link Sessions} store. */
    public static final class Builder {
        private Duration idleTimeout = Duration.ofMinutes(30);
        private int maxSessions = 10_000;
        private String cookieName = "house-session";
        private BiConsumer<Session, Request> onCreate = (session, request) -> { };
        private LongSupplier nanoTime = System::nanoTime;

        private Builder() {
        }

        /** How long a session lives without being used; default 30 minutes. */
        public Builder idleTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "idleTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + timeout);
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** Sessions kept at most; creating one more evicts the least recently used; default 10,000. */
        public Builder maxSessions(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxSessions must be at least 1: " + max);
            }
            this.maxSessions = max;
            return this;
        }

        /** The cookie's name; default {@code house-session}. */
        public Builder cookieName(String name) {
            Objects.requireNonNull(name, "cookieName");
            if (name.isEmpty() || !isToken(name)) {
                throw new IllegalArgumentException("cookieName must be a non-empty token: " + name);
            }
            this.cookieName = name;
            return this;
        }

        /**
         * Runs when a session is created, before it is stored and visible to other requests; the
         * place to set initial attributes. An exception fails the request and discards the session.
         */
        public Builder onCreate(BiConsumer<Session, Request> hook) {
            this.onCreate = Objects.requireNonNull(hook, "onCreate");
            return this;
        }

        /** The monotonic clock measuring idleness; tests substitute a manual one. */
        Builder nanoTime(LongSupplier nanoTime) {
            this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
            return this;
        }

        public Sessions build() {
            return new Sessions(this);
        }

        private static boolean isToken(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
