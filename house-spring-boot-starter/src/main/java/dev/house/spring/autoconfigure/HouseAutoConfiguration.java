package dev.house.spring.autoconfigure;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.http.Interceptor;
import dev.house.core.handler.param.ParamType;
import dev.house.core.http.ExchangeListener;
import dev.house.core.http.RequestRouter;
import dev.house.core.Workers;
import dev.house.core.session.Sessions;
import dev.house.spring.handler.ArgumentCheck;
import dev.house.spring.handler.HouseHandler;
import dev.house.spring.server.CompositeExchangeListener;
import dev.house.spring.server.HouseRequestRouter;
import dev.house.spring.server.HouseServerLifecycle;
import dev.house.spring.server.HttpsRedirectLifecycle;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Auto-configuration of the house server: a {@link HouseServer} built from {@link HouseProperties}
 * (and any {@link HouseServerConfigCustomizer}s), run by a {@link HouseServerLifecycle} that
 * starts it once the context is refreshed and stops it gracefully on close. Every bean backs off
 * when the application defines its own.
 *
 * <p>House is the application's server in its own right: it needs no web starter, and when
 * Spring MVC or WebFlux is present too, each server listens on its own port. Without them, house
 * is the application's web server: it takes Boot's {@code server.port}, {@code server.address},
 * {@code server.shutdown} and {@code server.ssl.bundle} where {@code house.*} leaves them unset,
 * and publishes {@code local.server.port}.
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
        afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration")
@ConditionalOnClass(HouseServer.class)
@ConditionalOnProperty(prefix = "house", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(HouseProperties.class)
@Import({ HouseSseConfiguration.class, HouseWebConfiguration.SessionConfiguration.class,
        HouseWebConfiguration.ValidationConfiguration.class, HouseWebConfiguration.CorsConfiguration.class })
public final class HouseAutoConfiguration {

    /** Name of the worker executor bean; define a bean of this name to supply your own. */
    public static final String WORKERS_BEAN_NAME = "houseWorkers";

    @Bean
    @ConditionalOnMissingBean
    ServerConfig houseServerConfig(HouseProperties properties,
                                   ObjectProvider<HouseServerConfigCustomizer> customizers,
                                   ObjectProvider<SslBundles> sslBundles, ApplicationContext context) {
        ServerConfig.Builder builder = ServerConfigMapper.toBuilder(properties);
        // House-only: server.* fills in what house.* leaves unset (see ApplicationServerProperties).
        ApplicationServerProperties serverProperties = ApplicationServerProperties.of(context);
        serverProperties.applyTo(builder);
        HouseProperties.Ssl ssl = properties.getSsl();
        String bundle = serverProperties.sslBundle(ssl);
        if (bundle != null) {
            builder.tls(TlsConfigMapper.toTlsConfig(bundle, ssl.getHandshakeTimeout(), sslBundles.getIfAvailable()));
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        // The one rule build() checks across settings: the stream drain within the grace period.
        Duration streamDrain = properties.getShutdown().getStreamDrain();
        try {
            return builder.build();
        } catch (IllegalArgumentException ex) {
            if (streamDrain == null) {
                throw ex;
            }
            throw new InvalidConfigurationPropertyValueException("house.shutdown.stream-drain", streamDrain,
                    ex.getMessage(), ex);
        }
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
                                          ObjectProvider<ArgumentCheck> argumentCheck,
                                          ObjectProvider<Sessions> sessions) {
        RouterAssembly assembly = new RouterAssembly(beanFactory, properties, resourceLoader, customizers,
                interceptors, paramTypes, jsonMapper, argumentCheck, sessions);
        return new HouseRequestRouter(assembly::newBuilder, assembly::declare);
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
        PropertyValues.apply("house.workers.max-threads", workers.getMaxThreads(), HouseAutoConfiguration::atLeastOne);
        PropertyValues.apply("house.workers.queue-capacity", workers.getQueueCapacity(),
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
        return new HouseServerLifecycle(server, context, ApplicationServerProperties.isHouseOnly(context));
    }

    /** The plain listener of {@code house.ssl.redirect-port}, sending every request to HTTPS. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "house.ssl", name = "redirect-port")
    HttpsRedirectLifecycle houseHttpsRedirect(HouseServer server, ServerConfig config, HouseProperties properties,
                                              ConfigurableApplicationContext context) {
        HouseProperties.Ssl ssl = properties.getSsl();
        Integer port = ssl.getRedirectPort();
        if (!ssl.isActive() || port == null) {
            throw new InvalidConfigurationPropertyValueException("house.ssl.redirect-port", port,
                    "a redirect to HTTPS needs HTTPS: set house.ssl.bundle (and leave house.ssl.enabled true)");
        }
        ServerConfig plain;
        try {
            plain = config.toBuilder().tls(null).port(port).eventLoops(1).build();
        } catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationPropertyValueException("house.ssl.redirect-port", port, ex.getMessage());
        }
        return new HttpsRedirectLifecycle(server, plain, context);
    }

    private static void atLeastOne(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("must be at least 1: " + value);
        }
    }
}
