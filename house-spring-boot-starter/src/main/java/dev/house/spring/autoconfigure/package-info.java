/**
 * Spring Boot auto-configuration of the house server and its {@code house.*} properties.
 */
@NullMarked
package dev.house.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
