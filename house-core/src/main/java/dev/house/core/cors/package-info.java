/**
 * Cross-origin resource sharing, off unless configured: {@link dev.house.core.cors.Cors} answers
 * preflights and marks responses for the origins its {@link dev.house.core.cors.CorsPolicy}s allow.
 *
 * <p>May use {@code http} only.
 */
package dev.house.core.cors;
