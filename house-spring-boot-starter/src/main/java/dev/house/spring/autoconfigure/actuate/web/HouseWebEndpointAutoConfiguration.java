package dev.house.spring.autoconfigure.actuate.web;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.cors.Cors;
import dev.house.core.cors.CorsPolicy;
import dev.house.core.handler.Router;
import dev.house.core.http.ExchangeListener;
import dev.house.core.http.HttpMethod;
import dev.house.spring.actuate.web.WebEndpointRoutes;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.autoconfigure.HouseRouterCustomizer;
import dev.house.spring.autoconfigure.PropertyValues;
import dev.house.spring.server.CompositeExchangeListener;
import dev.house.spring.server.ManagementServerLifecycle;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.IncludeExcludeEndpointFilter;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.CorsEndpointProperties;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointProperties;
import org.springframework.boot.actuate.endpoint.EndpointAccessResolver;
import org.springframework.boot.actuate.endpoint.EndpointFilter;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.EndpointsSupplier;
import org.springframework.boot.actuate.endpoint.OperationFilter;
import org.springframework.boot.actuate.endpoint.invoke.OperationInvokerAdvisor;
import org.springframework.boot.actuate.endpoint.invoke.ParameterValueMapper;
import org.springframework.boot.actuate.endpoint.jackson.EndpointJsonMapper;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.EndpointLinksResolver;
import org.springframework.boot.actuate.endpoint.web.EndpointMediaTypes;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.actuate.endpoint.web.PathMapper;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpointDiscoverer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnNotWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.StringUtils;
import tools.jackson.databind.json.JsonMapper;

/**
 * Actuator's web endpoints served by house when house is the application's only web server (no
 * Spring MVC or WebFlux context, which keep serving Actuator themselves). Endpoints are
 * discovered and filtered as Boot does for MVC ({@code management.endpoints.web.exposure.*},
 * {@code management.endpoints.web.path-mapping.*}, {@code management.endpoints.access.*}) and
 * declared under {@code management.endpoints.web.base-path}: on house's own port, or, when
 * {@code management.server.port} names another port, on a second house listener there
 * ({@code -1} serves no endpoint over HTTP).
 */
@AutoConfiguration(after = { EndpointAutoConfiguration.class, HouseAutoConfiguration.class },
        afterName = "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration")
@ConditionalOnClass({ WebEndpointsSupplier.class, EndpointAutoConfiguration.class, HouseServer.class })
@ConditionalOnNotWebApplication
@ConditionalOnBean(HouseServer.class)
@EnableConfigurationProperties({ WebEndpointProperties.class, CorsEndpointProperties.class })
@Import(HouseWebEndpointAutoConfiguration.Health.class)
public final class HouseWebEndpointAutoConfiguration {

    /** The health endpoint's web extension, when Boot's health support is present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.actuate.endpoint.HealthEndpointWebExtension")
    @Import(HouseHealthEndpointWebConfiguration.class)
    static class Health {
    }

    @Bean
    @ConditionalOnMissingBean
    PathMapper webEndpointPathMapper(WebEndpointProperties properties) {
        return endpointId -> {
            String path = properties.getPathMapping().entrySet().stream()
                    .filter(entry -> EndpointId.fromPropertyValue(entry.getKey()).equals(endpointId))
                    .map(Map.Entry::getValue)
                    .findFirst().orElse(null);
            return StringUtils.hasText(path) ? path : null;
        };
    }

    @Bean
    @ConditionalOnMissingBean
    EndpointMediaTypes endpointMediaTypes() {
        return EndpointMediaTypes.DEFAULT;
    }

    @Bean
    @ConditionalOnMissingBean(WebEndpointsSupplier.class)
    WebEndpointDiscoverer webEndpointDiscoverer(ApplicationContext context, ParameterValueMapper parameterValueMapper,
                                                EndpointMediaTypes endpointMediaTypes,
                                                ObjectProvider<PathMapper> endpointPathMappers,
                                                ObjectProvider<AdditionalPathsMapper> additionalPathsMappers,
                                                ObjectProvider<OperationInvokerAdvisor> invokerAdvisors,
                                                ObjectProvider<EndpointFilter<ExposableWebEndpoint>> endpointFilters,
                                                ObjectProvider<OperationFilter<WebOperation>> operationFilters) {
        return new WebEndpointDiscoverer(context, parameterValueMapper, endpointMediaTypes,
                endpointPathMappers.orderedStream().toList(), additionalPathsMappers.orderedStream().toList(),
                invokerAdvisors.orderedStream().toList(), endpointFilters.orderedStream().toList(),
                operationFilters.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    PathMappedEndpoints pathMappedEndpoints(WebEndpointProperties properties,
                                            Collection<EndpointsSupplier<?>> endpointSuppliers) {
        return new PathMappedEndpoints(properties.getBasePath(), endpointSuppliers);
    }

    @Bean
    IncludeExcludeEndpointFilter<ExposableWebEndpoint> webExposeExcludePropertyEndpointFilter(
            WebEndpointProperties properties) {
        WebEndpointProperties.Exposure exposure = properties.getExposure();
        return new IncludeExcludeEndpointFilter<>(ExposableWebEndpoint.class, exposure.getInclude(),
                exposure.getExclude(), EndpointExposure.WEB.getDefaultIncludes());
    }

    @Bean
    OperationFilter<WebOperation> webAccessPropertiesOperationFilter(EndpointAccessResolver endpointAccessResolver) {
        return OperationFilter.byAccess(endpointAccessResolver);
    }

    /** The endpoints on house's own port, next to the application's routes. */
    @Bean
    @Conditional(ManagementPort.Same.class)
    HouseRouterCustomizer houseActuatorRoutes(WebEndpointsSupplier endpoints, WebEndpointProperties properties,
                                              CorsEndpointProperties cors, ObjectProvider<JsonMapper> mapper,
                                              ObjectProvider<EndpointJsonMapper> endpointMapper) {
        return router -> routes(endpoints, properties, cors, mapper, endpointMapper, WebServerNamespace.SERVER)
                .declare(router);
    }

    /** The endpoints on a house listener of their own, at {@code management.server.port}. */
    @Bean
    @Conditional(ManagementPort.Different.class)
    ManagementServerLifecycle houseManagementServer(WebEndpointsSupplier endpoints, WebEndpointProperties properties,
                                                    CorsEndpointProperties cors, ObjectProvider<JsonMapper> mapper,
                                                    ObjectProvider<EndpointJsonMapper> endpointMapper,
                                                    ServerConfig config,
                                                    @Qualifier(HouseAutoConfiguration.WORKERS_BEAN_NAME) ExecutorService workers,
                                                    ObjectProvider<ExchangeListener> listeners,
                                                    ConfigurableApplicationContext context) {
        Binder binder = Binder.get(context.getEnvironment());
        int port = binder.bind("management.server.port", Integer.class).get();
        InetAddress address = binder.bind("management.server.address", InetAddress.class).orElse(config.address());
        ServerConfig.Builder management = config.toBuilder().tls(null).eventLoops(1).address(address);
        PropertyValues.apply("management.server.port", port, management::port);
        ServerConfig managementConfig = management.build();
        return new ManagementServerLifecycle(() -> {
            Router.Builder router = Router.builder().jsonMapper(mapper.getIfAvailable(JsonMapper::shared));
            routes(endpoints, properties, cors, mapper, endpointMapper, WebServerNamespace.MANAGEMENT).declare(router);
            return HouseServer.builder()
                    .config(managementConfig)
                    .router(router.build())
                    .workers(workers)
                    .listener(CompositeExchangeListener.of(listeners.orderedStream().toList()))
                    .build();
        }, context);
    }

    private static WebEndpointRoutes routes(WebEndpointsSupplier supplier, WebEndpointProperties properties,
                                            CorsEndpointProperties cors, ObjectProvider<JsonMapper> mapper,
                                            ObjectProvider<EndpointJsonMapper> endpointMapper,
                                            WebServerNamespace namespace) {
        Collection<ExposableWebEndpoint> endpoints = supplier.getEndpoints();
        String basePath = properties.getBasePath();
        boolean links = properties.getDiscovery().isEnabled()
                && (StringUtils.hasText(basePath) || namespace == WebServerNamespace.MANAGEMENT);
        EndpointJsonMapper isolated = endpointMapper.getIfAvailable();
        return new WebEndpointRoutes(basePath, endpoints, links ? new EndpointLinksResolver(endpoints, basePath) : null,
                mapper.getIfAvailable(JsonMapper::shared), isolated != null ? isolated.get() : null, namespace,
                cors(cors));
    }

    /** {@code management.endpoints.web.cors.*} as house-core's CORS interceptor; none without origins. */
    private static @Nullable Cors cors(CorsEndpointProperties properties) {
        if (properties.getAllowedOrigins().isEmpty()) {
            return null;
        }
        CorsPolicy.Builder policy = CorsPolicy.builder();
        List<HttpMethod> methods = new ArrayList<>();
        List<String> methodNames = properties.getAllowedMethods().isEmpty() ? List.of("GET") : properties.getAllowedMethods();
        for (String name : methodNames) {
            if (name.equals("*")) {
                methods.addAll(List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE));
            } else {
                PropertyValues.apply("management.endpoints.web.cors.allowed-methods", name,
                        value -> methods.add(HttpMethod.valueOf(value.trim().toUpperCase(Locale.ROOT))));
            }
        }
        policy.allowMethods(methods.toArray(new HttpMethod[0]));
        if (properties.getAllowedHeaders().contains("*")) {
            policy.allowAnyHeader();
        } else if (!properties.getAllowedHeaders().isEmpty()) {
            policy.allowHeaders(properties.getAllowedHeaders().toArray(new String[0]));
        }
        if (!properties.getExposedHeaders().isEmpty()) {
            policy.exposeHeaders(properties.getExposedHeaders().toArray(new String[0]));
        }
        policy.allowCredentials(Boolean.TRUE.equals(properties.getAllowCredentials()));
        policy.maxAge(properties.getMaxAge());
        CorsPolicy built = policy.build();
        Cors.Builder cors = Cors.builder();
        for (String origin : properties.getAllowedOrigins()) {
            PropertyValues.apply("management.endpoints.web.cors.allowed-origins", origin, value -> {
                if (value.trim().equals("*")) {
                    cors.allowAnyOrigin(built);
                } else {
                    cors.allow(value.trim(), built);
                }
            });
        }
        return cors.build();
    }
}
