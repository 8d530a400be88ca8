/**
 * The seeds' anonymous chat room as a Spring Boot application served by house alone: a page at
 * {@code /index}, one SSE channel per room at {@code /source?room=}, and {@code /send-message}
 * publishing to the room.
 */
package dev.house.demo;
