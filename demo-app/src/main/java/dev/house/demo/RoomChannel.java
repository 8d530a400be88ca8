package dev.house.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Maps the room a person types (any text of 1 to 16 characters: {@code Board games},
 * {@code café}, {@code 日本}) to the SSE channel carrying its messages, because channel names allow
 * only {@code A-Z a-z 0-9 _ . : -}.
 *
 * <p>A room made only of letters, digits, {@code _} and {@code -} is its own channel
 * ({@code lobby} is channel {@code lobby}), so channels stay readable in logs and metrics. Any
 * other room becomes {@code .} followed by the unpadded base64url SHA-256 of its UTF-8 bytes
 * (44 characters): distinct rooms get distinct channels, and no such name can be a plain
 * room's, because plain rooms never contain a dot.
 */
public final class RoomChannel {

    private static final char HASHED_PREFIX = '.';

    private RoomChannel() {
    }

    /** The channel of {@code room}; the same room always gives the same channel. */
    public static String of(String room) {
        if (isPlain(room)) {
            return room;
        }
        return HASHED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(room));
    }

    private static boolean isPlain(String room) {
        if (room.isEmpty()) {
            return false;
        }
        for (int i = 0; i < room.length(); i++) {
            char c = room.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    private static byte[] sha256(String room) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(room.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
