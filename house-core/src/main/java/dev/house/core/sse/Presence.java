package dev.house.core.sse;

import java.util.Objects;

/**
 * Who a subscriber is, for presence: an id the application chose (a user's id or name) and
 * optional small JSON info shown to the others (a display name, an avatar URL). Streams with the
 * same id on a channel are one identity there: two tabs of one user are present once.
 *
 * <p>The handler decides it (from its session, its authentication, or a name it validated), never
 * the client directly: it is handed to {@link SseChannels#subscribe(dev.house.core.http.Request,
 * java.util.Collection, Presence, java.util.function.Consumer)}.
 *
 * @param id   1 to {@value #MAX_ID_LENGTH} characters
 * @param info a JSON value of at most {@value #MAX_INFO_LENGTH} characters, or {@code null}; it is
 *             written into presence events as it is, so it must be valid JSON (build it with a
 *             JSON library, not by concatenation)
 */
public record Presence(String id, String info) {
    /** Longest id. */
    public static final int MAX_ID_LENGTH = 128;
    /** Longest info: presence is a list of who is here, not a profile store. */
    public static final int MAX_INFO_LENGTH = 512;

    public Presence {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("a presence id has 1 to " + MAX_ID_LENGTH + " characters");
        }
        if (info != null && (info.isBlank() || info.length() > MAX_INFO_LENGTH)) {
            throw new IllegalArgumentException("presence info is a JSON value of at most "
                    + MAX_INFO_LENGTH + " characters");
        }
    }

    /** An identity without info. */
    public static Presence of(String id) {
        return new Presence(id, null);
    }

    /** An identity with JSON {@code info}. */
    public static Presence of(String id, String info) {
        return new Presence(id, info);
    }
}
