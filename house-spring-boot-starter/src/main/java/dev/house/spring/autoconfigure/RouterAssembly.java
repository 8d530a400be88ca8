package dev.house.spring.autoconfigure;

import dev.house.core.http.Interceptor;
import dev.house.core.handler.Router;
import dev.house.core.handler.param.ParamType;
import dev.house.core.handler.param.TypeRegistry;
import dev.house.core.session.Sessions;
import dev.house.spring.handler.AnnotatedRoutes;
import dev.house.spring.handler.ArgumentCheck;
import dev.house.spring.handler.ExceptionHandlers;
import dev.house.spring.handler.HouseAdvice;
import dev.house.spring.handler.HandlerEndpoints;
import dev.house.spring.handler.HandlerMethodDetector;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts the auto-configured router together from the application's beans, once every singleton
 * exists: the JSON mapper, the session interceptor then the {@link Interceptor} beans in
 * {@code @Order}, the {@link ParamType} beans, then the routes of route customizers,
 * {@code @HouseHandler} methods and static files.
 */
final class RouterAssembly {

    private final ConfigurableListableBeanFactory beanFactory;
    private final HouseProperties properties;
    private final ResourceLoader resourceLoader;
    private final ObjectProvider<HouseRouterCustomizer> customizers;
    private final ObjectProvider<Interceptor> interceptors;
    private final ObjectProvider<ParamType<?>> paramTypes;
    private final ObjectProvider<JsonMapper> jsonMapper;
    private final ObjectProvider<ArgumentCheck> argumentCheck;
    private final ObjectProvider<Sessions> sessions;

    RouterAssembly(ConfigurableListableBeanFactory beanFactory, HouseProperties properties,
                   ResourceLoader resourceLoader, ObjectProvider<HouseRouterCustomizer> customizers,
                   ObjectProvider<Interceptor> interceptors, ObjectProvider<ParamType<?>> paramTypes,
                   ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<ArgumentCheck> argumentCheck,
                   ObjectProvider<Sessions> sessions) {
        this.beanFactory = beanFactory;
        this.properties = properties;
        this.resourceLoader = resourceLoader;
        this.customizers = customizers;
        this.interceptors = interceptors;
        this.paramTypes = paramTypes;
        this.jsonMapper = jsonMapper;
        this.argumentCheck = argumentCheck;
        this.sessions = sessions;
    }

    /** An empty router builder with the mapper, types and interceptors. */
    Router.Builder newBuilder() {
        Router.Builder router = Router.builder().jsonMapper(mapper()).types(types());
        // Sessions first, so the application's interceptors (authentication...) can read them.
        sessions.ifAvailable(store -> router.intercept(store.interceptor()));
        return router.intercept(interceptors.orderedStream().toArray(Interceptor[]::new));
    }

    /** Declares every route. */
    void declare(Router.Builder router) {
        customizers.orderedStream().forEach(customizer -> customizer.customize(router));
        HandlerEndpoints endpoints = new HandlerEndpoints(types(), mapper(), argumentCheck.getIfAvailable(),
                sessions.getIfAvailable(), new ExceptionHandlers(
                        List.copyOf(beanFactory.getBeansWithAnnotation(HouseAdvice.class).values()), mapper()));
        new AnnotatedRoutes(new HandlerMethodDetector(beanFactory), endpoints).accept(router);
        new StaticResourceRoutes(properties.getStaticResources(), resourceLoader).accept(router);
    }

    private JsonMapper mapper() {
        return jsonMapper.getIfAvailable(JsonMapper::shared);
    }

    private TypeRegistry types() {
        TypeRegistry registry = TypeRegistry.standard();
        paramTypes.orderedStream().forEach(registry::register);
        return registry;
    }
}
