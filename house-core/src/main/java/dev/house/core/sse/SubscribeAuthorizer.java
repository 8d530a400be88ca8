package dev.house.core.sse;

import dev.house.core.http.Request;

/**
 * Decides whether a request may subscribe to a channel; a refusal answers 403 before any stream
 * starts. Runs on the thread of the handler calling {@link SseChannels#subscribe}.
 */
@FunctionalInterface
public interface SubscribeAuthorizer {
    /** Lets everyone subscribe to every channel. */
    SubscribeAuthorizer ALLOW_ALL = (request, channel) -> true;

    boolean allows(Request request, String channel);
}
