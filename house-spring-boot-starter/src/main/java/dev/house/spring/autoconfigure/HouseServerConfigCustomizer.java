package dev.house.spring.autoconfigure;

import dev.house.core.ServerConfig;

/**
 * Adjusts the {@link ServerConfig} that auto-configuration builds from the {@code house.*}
 * properties, for settings the properties do not cover. Customizers run in {@code @Order}.
 */
@FunctionalInterface
public interface HouseServerConfigCustomizer {

    /** Changes the builder, which already holds the values of the {@code house.*} properties. */
    void customize(ServerConfig.Builder builder);
}
