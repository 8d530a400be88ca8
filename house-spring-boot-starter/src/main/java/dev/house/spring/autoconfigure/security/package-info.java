/**
 * Auto-configuration of house security when Spring Security is on the class path: see
 * {@link dev.house.spring.autoconfigure.security.HouseSecurityAutoConfiguration}.
 */
@NullMarked
package dev.house.spring.autoconfigure.security;

import org.jspecify.annotations.NullMarked;
