/**
 * Spring Security for house routes and SSE streams: {@link dev.house.spring.security.HouseSecurity}
 * says who may call what, and {@link dev.house.spring.security.SecurityInterceptor} applies it to
 * every request as a house-core interceptor (authentication by HTTP Basic, bearer JWT or the house
 * session; authorization; CSRF; security headers; streams ended at the token's expiry).
 *
 * <p>Uses house-core's handler, http, session and sse types, and Spring Security's own types
 * ({@code AuthenticationManager}, {@code AuthorizationManager}, {@code SecurityContextHolder},
 * {@code JwtDecoder}); it re-implements none of their rules. Loaded only when Spring Security is
 * on the class path; the JWT part only when the OAuth2 resource server is too.
 */
@NullMarked
package dev.house.spring.security;

import org.jspecify.annotations.NullMarked;
