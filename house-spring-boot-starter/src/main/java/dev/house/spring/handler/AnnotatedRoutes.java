package dev.house.spring.handler;

import dev.house.core.handler.Router;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declares the route methods of every {@link HouseHandler} bean on a router: found by
 * {@link HandlerMethodDetector}, turned into endpoints by {@link HandlerEndpoints}. A route the
 * router refuses (an invalid template, a parameter that names no path variable) fails start-up
 * naming the method.
 */
public final class AnnotatedRoutes implements Consumer<Router.Builder> {

    private static final Logger log = LoggerFactory.getLogger(AnnotatedRoutes.class);

    private final HandlerMethodDetector detector;
    private final HandlerEndpoints endpoints;

    public AnnotatedRoutes(HandlerMethodDetector detector, HandlerEndpoints endpoints) {
        this.detector = detector;
        this.endpoints = endpoints;
    }

    @Override
    public void accept(Router.Builder router) {
        for (HandlerMethod handler : detector.detect()) {
            try {
                router.endpoint(endpoints.endpoint(handler));
                log.debug("route {} mapped to {}", handler.mapping(), handler.location());
            } catch (IllegalArgumentException ex) {
                throw new IllegalStateException("house handler method " + handler.location() + " cannot be routed: "
                        + ex.getMessage(), ex);
            }
        }
    }
}
