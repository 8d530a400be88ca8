/**
 * Test support: {@link dev.house.spring.test.HouseTestClient}, a client for house's routes and
 * server-sent event streams bound to the running server's port, injected into
 * {@code @SpringBootTest} classes. Uses the JDK's HTTP client, Jackson and (for the injection)
 * Spring's test context framework; nothing else of the starter.
 */
@NullMarked
package dev.house.spring.test;

import org.jspecify.annotations.NullMarked;
