/**
 * Actuator web endpoints on house routes: Boot's {@code WebEndpointsSupplier} operations (read,
 * write, delete; path selectors, query parameters, JSON bodies, produced media types) mapped
 * onto a house {@code Router}, as Boot maps them onto Spring MVC, WebFlux and Jersey. Uses
 * house-core's router and CORS, Spring Boot Actuator's endpoint model and Jackson; nothing else
 * of the starter.
 */
@NullMarked
package dev.house.spring.actuate.web;

import org.jspecify.annotations.NullMarked;
