package dev.house.spring.server;

import dev.house.core.handler.Router;
import dev.house.core.http.Request;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Route;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The auto-configured {@link RequestRouter}: a house {@link Router} declared once every singleton
 * exists, because the routes come from other beans (route customizers, {@code @HouseHandler}
 * methods) that the server itself must not wait for. The server only asks it for routes after
 * it has started, which the context does after this router is complete.
 */
public final class HouseRequestRouter implements RequestRouter, SmartInitializingSingleton {

    private final Supplier<Router.Builder> builders;
    private final Consumer<Router.Builder> declarations;
    private volatile @Nullable Router router;

    /**
     * @param builders makes the empty router builder (configured with the application's JSON
     *        mapper, types and interceptors)
     * @param declarations declares every route on it
     */
    public HouseRequestRouter(Supplier<Router.Builder> builders, Consumer<Router.Builder> declarations) {
        this.builders = builders;
        this.declarations = declarations;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Router.Builder builder = builders.get();
        declarations.accept(builder);
        this.router = builder.build();
    }

    @Override
    public Route route(Request request) {
        Router current = router;
        if (current == null) {
            throw new IllegalStateException("house routes are declared once every singleton exists;"
                    + " the server was started before that");
        }
        return current.route(request);
    }
}
