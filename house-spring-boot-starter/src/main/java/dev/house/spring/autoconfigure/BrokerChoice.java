package dev.house.spring.autoconfigure;

import dev.house.core.sse.spi.SseBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.ClassUtils;

/**
 * The one place that reads {@code house.broker} and refuses a choice that cannot be honoured, so
 * that a cluster never quietly runs as separate in-memory nodes (split-brain chat): an unknown
 * value fails start-up naming the accepted ones, and {@code redis} without the Redis broker
 * (missing Spring Data Redis or Lettuce, or no connection factory) fails naming what is missing.
 */
final class BrokerChoice {

    static final String PROPERTY = "house.broker";
    static final String REDIS = "redis";
    static final String LOCAL = "local";
    static final String STARTER = "org.springframework.boot:spring-boot-starter-data-redis";

    /** What {@code house.broker=redis} needs on the class path, each with the artifact that brings it. */
    private static final String[][] REDIS_CLASSES = {
            { "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory",
                    "Spring Data Redis (org.springframework.data:spring-data-redis)" },
            { "io.lettuce.core.RedisClient", "Lettuce (io.lettuce:lettuce-core)" },
            { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
                    "Spring Boot's Redis auto-configuration (org.springframework.boot:spring-boot-data-redis)" },
    };

    private BrokerChoice() {
    }

    /**
     * Checks {@code value} of {@code house.broker} against the broker the context built
     * ({@code null} when none) and returns the broker to use, {@code null} for the in-memory one.
     */
    static @Nullable SseBroker check(@Nullable String value, @Nullable SseBroker broker, @Nullable ClassLoader loader) {
        String choice = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (choice.isEmpty() || choice.equals(LOCAL)) {
            return broker; // in-memory, unless the application supplies its own broker bean
        }
        if (!choice.equals(REDIS)) {
            throw new InvalidConfigurationPropertyValueException(PROPERTY, value,
                    "accepted values are '" + REDIS + "' (channels shared between nodes through Redis) and '"
                            + LOCAL + "' or unset (the in-memory broker of one node)");
        }
        if (broker != null) {
            return broker;
        }
        List<String> missing = new ArrayList<>();
        for (String[] required : REDIS_CLASSES) {
            if (!ClassUtils.isPresent(required[0], loader)) {
                missing.add(required[1]);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingBrokerDependencyException("house.broker=redis needs " + String.join(", ", missing)
                    + " on the class path, and it is missing; without it every node would run its own "
                    + "in-memory broker and no event would cross nodes", STARTER);
        }
        throw new MissingBrokerDependencyException("house.broker=redis found no RedisConnectionFactory bean to "
                + "share (Spring Boot's Redis auto-configuration backed off or was excluded); without it every "
                + "node would run its own in-memory broker and no event would cross nodes", STARTER);
    }
}
