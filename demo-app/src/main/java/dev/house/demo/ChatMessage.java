package dev.house.demo;

/**
 * What a room's subscribers receive for each message, as the {@code data} of an SSE event:
 * {@code {"name": ..., "message": ..., "at": "2026-11-22T10:15:30.123Z"}}.
 *
 * @param name who sent it, as they typed it
 * @param message the text, exactly as sent (line breaks included)
 * @param at when the server accepted it, an ISO-8601 instant in UTC
 */
public record ChatMessage(String name, String message, String at) {
}
