package dev.house.spring.autoconfigure;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.cors.Cors;
import dev.house.core.handler.Interceptor;
import dev.house.core.handler.Router;
import dev.house.core.handler.param.ParamType;
import dev.house.core.handler.param.TypeRegistry;
import dev.house.core.http.ExchangeListener;
import dev.house.core.http.RequestRouter;
import dev.house.core.io.Workers;
import dev.house.spring.server.CompositeExchangeListener;
import dev.house.core.sse.SseBroker;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseConfig;
import dev.house.core.sse.SubscribeAuthorizer;
import dev.house.spring.handler.AnnotatedRoutes;
import dev.house.spring.handler.ArgumentCheck;
import dev.house.spring.handler.ConstraintViolationReport;
import dev.house.spring.handler.HandlerEndpoints;
import dev.house.spring.handler.HandlerMethodDetector;
import dev.house.spring.handler.HouseHandler;
import dev.house.spring.server.HouseRequestRouter;
import dev.house.spring.sse.AllOfSubscribeAuthorizer;
import dev.house.spring.sse.ChannelPublisher;
import dev.house.spring.sse.SseChannelPublisher;
import tools.jackson.databind.json.JsonMapper;
import dev.house.spring.server.HouseServerLifecycle;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of the house server: a {@link HouseServer} built from {@link HouseProperties}
 * (and any {@link HouseServerConfigCustomizer}s), run by a {@link HouseServerLifecycle} that
 * starts it once the context is refreshed and stops it gracefully on close. Every bean backs off
 * when the application defines its own.
 *
 * <p>House is the application's server in its own right: it needs no web starter, and when
 * Spring MVC or WebFlux is present too, each server listens on its own port.
 */
@AutoConfiguration(afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration")
@ConditionalOnClass(HouseServer.class)
@ConditionalOnProperty(prefix = "house", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(HouseProperties.class)
public final class HouseAutoConfiguration {

    /** Name of the worker executor bean; define a bean of this name to supply your own. */
    public static final String WORKERS_BEAN_NAME = "houseWorkers";

    @Bean
    @ConditionalOnMissingBean
    ServerConfig houseServerConfig(HouseProperties properties,
                                   ObjectProvider<HouseServerConfigCustomizer> customizers) {
        ServerConfig.Builder builder = ServerConfigMapper.toBuilder(properties);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    /**
     * The routes of {@link HouseRouterCustomizer} beans, of {@link HouseHandler} methods and of the
     * static files in {@code house.static.locations} (without any, every request gets 404),
     * declared once every singleton exists, with the application's JSON mapper, {@link ParamType}
     * beans and {@link Interceptor} beans (in {@code @Order}).
     */
    @Bean
    @ConditionalOnMissingBean(RequestRouter.class)
    HouseRequestRouter houseRequestRouter(ConfigurableListableBeanFactory beanFactory, HouseProperties properties,
                                          ResourceLoader resourceLoader,
                                          ObjectProvider<HouseRouterCustomizer> customizers,
                                          ObjectProvider<Interceptor> interceptors,
                                          ObjectProvider<ParamType<?>> paramTypes,
                                          ObjectProvider<JsonMapper> jsonMapper,
                                          ObjectProvider<ArgumentCheck> argumentCheck) {
        Supplier<JsonMapper> mapper = () -> jsonMapper.getIfAvailable(JsonMapper::shared);
        Supplier<TypeRegistry> types = () -> {
            TypeRegistry registry = TypeRegistry.standard();
            paramTypes.orderedStream().forEach(registry::register);
            return registry;
        };
        return new HouseRequestRouter(
                () -> Router.builder()
                        .jsonMapper(mapper.get())
                        .intercept(interceptors.orderedStream().toArray(Interceptor[]::new)),
                router -> {
                    customizers.orderedStream().forEach(customizer -> customizer.customize(router));
                    TypeRegistry registry = types.get();
                    router.types(registry);
                    new AnnotatedRoutes(new HandlerMethodDetector(beanFactory),
                            new HandlerEndpoints(registry, mapper.get(), argumentCheck.getIfAvailable()))
                            .accept(router);
                    new StaticResourceRoutes(properties.getStaticResources(), resourceLoader).accept(router);
                });
    }

    /**
     * Where handlers run: virtual threads when {@code spring.threads.virtual.enabled} is true on
     * Java 21+, else a bounded pool whose full queue answers 503 rather than growing.
     */
    @Bean(name = WORKERS_BEAN_NAME, destroyMethod = "shutdown")
    @ConditionalOnMissingBean(name = WORKERS_BEAN_NAME)
    ExecutorService houseWorkers(HouseProperties properties, Environment environment) {
        if (Threading.VIRTUAL.isActive(environment) && Workers.virtualThreadsAvailable()) {
            return Workers.createDefault();
        }
        HouseProperties.Workers workers = properties.getWorkers();
        ServerConfigMapper.apply("house.workers.max-threads", workers.getMaxThreads(), HouseAutoConfiguration::atLeastOne);
        ServerConfigMapper.apply("house.workers.queue-capacity", workers.getQueueCapacity(),
                HouseAutoConfiguration::atLeastOne);
        return Workers.boundedPool(workers.getMaxThreads(), workers.getQueueCapacity());
    }

    @Bean
    @ConditionalOnMissingBean
    HouseServer houseServer(ServerConfig config, RequestRouter router,
                            @Qualifier(WORKERS_BEAN_NAME) ExecutorService workers,
                            ObjectProvider<ExchangeListener> listeners) {
        return HouseServer.builder()
                .config(config)
                .router(router)
                .workers(workers)
                .listener(CompositeExchangeListener.of(listeners.orderedStream().toList()))
                .build();
    }

    @Bean
    @ConditionalOnMissingBean
    HouseServerLifecycle houseServerLifecycle(HouseServer server, ConfigurableApplicationContext context) {
        return new HouseServerLifecycle(server, context);
    }

    /** Server-sent event channels and the {@link ChannelPublisher} services publish with. */
    @Configuration(proxyBeanMethods = false)
    static class SseConfiguration {

        @Bean
        @ConditionalOnMissingBean
        SseConfig houseSseConfig(HouseProperties properties) {
            return SseConfigMapper.toBuilder(properties.getSse()).build();
        }

        /** Subscribe-authorizer beans must all allow a subscription; a broker bean replaces the in-memory one. */
        @Bean
        @ConditionalOnMissingBean
        SseChannels houseSseChannels(SseConfig config, ObjectProvider<SseBroker> broker,
                                     ObjectProvider<SubscribeAuthorizer> authorizers) {
            SseChannels.Builder channels = SseChannels.builder()
                    .config(config)
                    .authorizer(AllOfSubscribeAuthorizer.of(authorizers.orderedStream().toList()));
            broker.ifAvailable(channels::broker);
            return channels.build();
        }

        @Bean
        @ConditionalOnMissingBean
        ChannelPublisher houseChannelPublisher(SseChannels channels, ObjectProvider<JsonMapper> mapper) {
            return new SseChannelPublisher(channels, mapper.getIfAvailable(JsonMapper::shared));
        }
    }

    /** Bean Validation of handler method arguments, with the application's validator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(jakarta.validation.Validator.class)
    static class ValidationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(jakarta.validation.Validator.class)
        ArgumentCheck houseArgumentCheck(jakarta.validation.Validator validator) {
            return new ConstraintViolationReport(validator);
        }
    }

    /** CORS for the origins in {@code house.cors.allowed-origins}, applied to every route. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(OnCorsOriginsCondition.class)
    static class CorsConfiguration {

        @Bean
        @ConditionalOnMissingBean
        Cors houseCors(HouseProperties properties) {
            return CorsMapper.toCors(properties.getCors());
        }
    }

    private static void atLeastOne(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("must be at least 1: " + value);
        }
    }
}
