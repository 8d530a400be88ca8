/**
 * Health of the house server for Spring Boot's health endpoint.
 */
@NullMarked
package dev.house.spring.health;

import org.jspecify.annotations.NullMarked;
