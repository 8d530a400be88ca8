package dev.house.spring.autoconfigure;

import dev.house.core.tls.TlsConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Turns the SSL bundle named by {@code house.ssl.bundle} into house-core's {@link TlsConfig}:
 * its context (replaced when Boot reloads the bundle, so renewed certificates apply to new
 * connections without a restart), and its enabled protocols and ciphers when it sets them.
 */
final class TlsConfigMapper {

    private static final String PROPERTY = "house.ssl.bundle";

    private TlsConfigMapper() {
    }

    static TlsConfig toTlsConfig(String name, Duration handshakeTimeout, @Nullable SslBundles bundles) {
        if (bundles == null) {
            throw new InvalidConfigurationPropertyValueException(PROPERTY, name, "no SSL bundles are configured");
        }
        SslBundle bundle;
        try {
            bundle = bundles.getBundle(name);
        } catch (NoSuchSslBundleException ex) {
            throw new InvalidConfigurationPropertyValueException(PROPERTY, name, ex.getMessage(), ex);
        }
        // One context per bundle version: creating one per connection would cost a key-store load each time.
        AtomicReference<SSLContext> context = new AtomicReference<>(bundle.createSslContext());
        bundles.addBundleUpdateHandler(name, updated -> context.set(updated.createSslContext()));
        TlsConfig.Builder tls = TlsConfig.builder(context::get);
        PropertyValues.apply("house.ssl.handshake-timeout", handshakeTimeout, tls::handshakeTimeout);
        String[] protocols = bundle.getOptions().getEnabledProtocols();
        if (protocols != null) {
            PropertyValues.apply(PROPERTY, List.of(protocols), tls::protocols);
        }
        String[] ciphers = bundle.getOptions().getCiphers();
        if (ciphers != null) {
            PropertyValues.apply(PROPERTY, List.of(ciphers), tls::cipherSuites);
        }
        return tls.build();
    }
}
