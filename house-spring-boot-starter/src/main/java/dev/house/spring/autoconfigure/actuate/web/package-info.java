/**
 * Auto-configuration of Actuator's web endpoints on house, for applications whose only web
 * server is house: endpoint discovery as Boot's {@code WebEndpointAutoConfiguration} does it for
 * web applications, the health endpoint's web extension, and the routes on house's port or on a
 * house listener of {@code management.server.port}.
 */
@NullMarked
package dev.house.spring.autoconfigure.actuate.web;

import org.jspecify.annotations.NullMarked;
