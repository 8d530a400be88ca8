/**
 * Server-side sessions found through an {@code HttpOnly} cookie: created only on demand, expired
 * when idle, bounded in number. See {@link dev.house.core.session.Sessions}.
 *
 * <p>May use {@code http} only.
 */
package dev.house.core.session;
