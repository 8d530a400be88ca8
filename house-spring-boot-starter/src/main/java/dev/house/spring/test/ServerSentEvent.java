package dev.house.spring.test;

import org.jspecify.annotations.Nullable;

/**
 * One event a {@link SseSubscription} received.
 *
 * @param id its {@code id:}, or {@code null}
 * @param event its {@code event:} name, or {@code null} for the default {@code message}
 * @param data its {@code data:} lines joined by newlines
 */
public record ServerSentEvent(@Nullable String id, @Nullable String event, String data) {
}
