/**
 * Server-side sessions found through an {@code HttpOnly} cookie: created only on demand, expired
 * when idle, bounded in number. See {@link dev.house.core.session.Sessions}.
 */
package dev.house.core.session;
