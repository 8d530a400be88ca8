package dev.house.core.sse;

import dev.house.core.http.HttpException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks channel names: 1 to {@link SseConfig#maxChannelNameLength()} characters of
 * {@code A-Z a-z 0-9 _ . : -}. Names may come from clients, so a bad one is a 400 naming the
 * rule, never echoing the input. {@link SseChannels} applies it before anything reaches a broker.
 */
final class ChannelNames {
    private ChannelNames() {
    }

    /** Whether {@code name} is a valid channel name under {@code maxLength}. */
    static boolean isValid(String name, int maxLength) {
        if (name == null || name.isEmpty() || name.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** For server code: refuses a bad name with {@link IllegalArgumentException}. */
    static String require(String name, SseConfig config) {
        if (!isValid(name, config.maxChannelNameLength())) {
            throw new IllegalArgumentException(rule(config));
        }
        return name;
    }

    /**
     * For names a client supplied: the distinct names in order, or a 400 when one is invalid,
     * there are none, or there are too many.
     */
    static List<String> fromClient(Collection<String> names, SseConfig config) {
        if (names == null || names.isEmpty()) {
            throw HttpException.badRequest("At least one channel is required");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String name : names) {
            if (!isValid(name, config.maxChannelNameLength())) {
                throw HttpException.badRequest("Invalid channel name: " + rule(config));
            }
            distinct.add(name);
            if (distinct.size() > config.maxChannelsPerStream()) {
                throw HttpException.badRequest("Too many channels: at most "
                        + config.maxChannelsPerStream() + " per stream");
            }
        }
        return List.copyOf(new ArrayList<>(distinct));
    }

    private static String rule(SseConfig config) {
        return "a channel name has 1 to " + config.maxChannelNameLength()
                + " characters of A-Z, a-z, 0-9, '_', '.', ':' and '-'";
    }
}
