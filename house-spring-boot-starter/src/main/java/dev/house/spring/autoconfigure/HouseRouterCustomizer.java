package dev.house.spring.autoconfigure;

import dev.house.core.handler.Router;

/**
 * Declares routes on the router that auto-configuration builds, next to those of
 * {@code @HouseHandler} beans. Customizers run in {@code @Order}, once every singleton exists.
 *
 * <pre>{@code
 * @Bean
 * HouseRouterCustomizer health() {
 *     return router -> router.get("/ping", request -> Response.text("pong"));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface HouseRouterCustomizer {

    void customize(Router.Builder router);
}
