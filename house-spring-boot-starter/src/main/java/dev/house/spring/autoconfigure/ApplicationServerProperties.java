package dev.house.spring.autoconfigure;

import static dev.house.spring.autoconfigure.PropertyValues.apply;

import dev.house.core.ServerConfig;
import java.net.InetAddress;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.web.context.reactive.ReactiveWebApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Boot's {@code server.*} properties for house when house is the application's only web server:
 * {@code server.port}, {@code server.address}, {@code server.shutdown} with
 * {@code spring.lifecycle.timeout-per-shutdown-phase}, and {@code server.ssl.bundle}. Each applies
 * only where the matching {@code house.*} property is unset, so {@code house.*} wins when both are
 * set; for the port and address, a {@code server.*} set in a source of higher precedence (the
 * command line, test properties) beats a {@code house.*} set lower (application.yml). Next to a servlet or reactive server (Spring MVC, WebFlux) {@code server.*} is that
 * server's, and house reads only {@code house.*}.
 */
final class ApplicationServerProperties {

    private static final String SERVLET_CONTEXT = "org.springframework.web.context.WebApplicationContext";

    private final Binder binder;
    private final Iterable<ConfigurationPropertySource> sources;
    private final boolean houseOnly;

    private ApplicationServerProperties(Environment environment, boolean houseOnly) {
        this.binder = Binder.get(environment);
        this.sources = ConfigurationPropertySources.get(environment);
        this.houseOnly = houseOnly;
    }

    static ApplicationServerProperties of(ApplicationContext context) {
        return new ApplicationServerProperties(context.getEnvironment(), isHouseOnly(context));
    }

    /** Whether no servlet or reactive web server runs in {@code context}, making house its web server. */
    static boolean isHouseOnly(ApplicationContext context) {
        if (context instanceof ReactiveWebApplicationContext) {
            return false;
        }
        ClassLoader loader = context.getClassLoader();
        if (ClassUtils.isPresent(SERVLET_CONTEXT, loader)) {
            return !ClassUtils.resolveClassName(SERVLET_CONTEXT, loader).isInstance(context);
        }
        return true;
    }

    boolean houseOnly() {
        return houseOnly;
    }

    /** Applies {@code server.port}, {@code server.address} and the shutdown settings where {@code house.*} is unset. */
    void applyTo(ServerConfig.Builder builder) {
        if (!houseOnly) {
            return;
        }
        Integer port = fallback("house.port", "server.port", Integer.class);
        if (port != null) {
            apply("server.port", port, builder::port);
        }
        InetAddress address = fallback("house.address", "server.address", InetAddress.class);
        if (address != null) {
            builder.address(address);
        }
        if (!binder.bind("house.shutdown.grace-period", Duration.class).isBound()) {
            String mode = binder.bind("server.shutdown", String.class).orElse("graceful");
            if ("immediate".equalsIgnoreCase(mode)) {
                builder.shutdownGracePeriod(Duration.ZERO);
            } else {
                binder.bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class).ifBound(timeout ->
                        apply("spring.lifecycle.timeout-per-shutdown-phase", timeout, builder::shutdownGracePeriod));
            }
        }
    }

    /**
     * The SSL bundle house serves HTTPS with: {@code house.ssl.bundle}, else (house-only, and
     * {@code server.ssl.enabled} not false) {@code server.ssl.bundle}; {@code null} for plain HTTP.
     */
    @Nullable String sslBundle(HouseProperties.Ssl ssl) {
        if (ssl.getBundle() != null || !houseOnly) {
            return ssl.isActive() ? ssl.getBundle() : null;
        }
        boolean enabled = binder.bind("server.ssl.enabled", Boolean.class).orElse(true);
        return enabled ? binder.bind("server.ssl.bundle", String.class).orElse(null) : null;
    }

    /**
     * The {@code server.*} value when it should apply: the property source of highest precedence
     * that sets either name decides, and within one source {@code house.*} wins. So a
     * {@code server.port} on the command line or from {@code @SpringBootTest(RANDOM_PORT)} beats a
     * {@code house.port} in {@code application.yml}, as any higher source beats a lower one.
     */
    private <T> @Nullable T fallback(String houseName, String serverName, Class<T> type) {
        ConfigurationPropertyName house = ConfigurationPropertyName.of(houseName);
        ConfigurationPropertyName server = ConfigurationPropertyName.of(serverName);
        for (ConfigurationPropertySource source : sources) {
            if (source.getConfigurationProperty(house) != null) {
                return null;
            }
            if (source.getConfigurationProperty(server) != null) {
                return binder.bind(serverName, type).orElse(null);
            }
        }
        return null;
    }
}
