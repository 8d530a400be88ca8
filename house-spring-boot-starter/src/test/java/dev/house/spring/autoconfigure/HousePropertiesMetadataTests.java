package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metadata the configuration processor generates is what IDEs show: every property must be in it. */
class HousePropertiesMetadataTests {

    private static final Map<String, JsonNode> properties = new HashMap<>();

    @BeforeAll
    static void readMetadata() throws Exception {
        try (InputStream in = HousePropertiesMetadataTests.class.getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            JsonNode root = JsonMapper.builder().build().readTree(in);
            for (JsonNode property : root.get("properties")) {
                properties.put(property.get("name").asString(), property);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "house.enabled", "house.port", "house.address", "house.event-loops", "house.accept-backlog",
            "house.ssl.bundle",
            "house.limits.max-request-line", "house.limits.max-header-size", "house.limits.max-header-count",
            "house.limits.max-body-size", "house.limits.max-parameter-count", "house.limits.request-timeout", "house.limits.idle-timeout",
            "house.limits.max-connections", "house.limits.max-pending-output",
            "house.workers.max-threads", "house.workers.queue-capacity",
            "house.sse.heartbeat", "house.sse.retry", "house.sse.history-size", "house.sse.history-ttl",
            "house.sse.history-memory-cap", "house.sse.max-pending-bytes", "house.sse.max-channels-per-stream",
            "house.sse.max-channels",
            "house.static.enabled", "house.static.locations", "house.static.path-prefix",
            "house.static.cache-control",
            "house.cors.allowed-origins", "house.cors.allowed-methods", "house.cors.allowed-headers",
            "house.cors.exposed-headers", "house.cors.allow-credentials", "house.cors.max-age",
            "house.session.enabled", "house.session.idle-timeout", "house.session.max-sessions",
            "house.session.cookie-name", "house.shutdown.grace-period", "house.shutdown.stream-drain",
            "house.http2.enabled", "house.http2.max-concurrent-streams", "house.http2.initial-window-size",
            "house.http2.max-frame-size" })
    void describesEveryProperty(String name) {
        assertThat(properties).containsKey(name);
        assertThat(properties.get(name).path("description").asString()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(strings = { "house.port=8080", "house.enabled=true", "house.limits.request-timeout=30s",
            "house.limits.max-body-size=1MB", "house.sse.heartbeat=15s", "house.shutdown.grace-period=10s",
            "house.static.locations=classpath:/static/", "house.http2.enabled=true",
            "house.http2.max-concurrent-streams=128", "house.http2.max-frame-size=16KB" })
    void carriesDefaults(String entry) {
        String name = entry.substring(0, entry.indexOf('='));
        JsonNode value = properties.get(name).get("defaultValue");
        String text = value.isArray() ? value.get(0).asString() : value.asString();
        assertThat(text).isEqualTo(entry.substring(entry.indexOf('=') + 1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "house.limits.request-timeout", "house.limits.idle-timeout", "house.sse.heartbeat",
            "house.sse.retry", "house.sse.history-ttl", "house.shutdown.grace-period", "house.shutdown.stream-drain",
            "house.cors.max-age" })
    void typesDurationsAsDurations(String name) {
        assertThat(properties.get(name).get("type").asString()).isEqualTo("java.time.Duration");
    }

    @ParameterizedTest
    @ValueSource(strings = { "house.limits.max-request-line", "house.limits.max-header-size",
            "house.limits.max-body-size", "house.limits.max-pending-output", "house.sse.max-pending-bytes",
            "house.sse.history-memory-cap" })
    void typesSizesAsDataSizes(String name) {
        assertThat(properties.get(name).get("type").asString()).isEqualTo("org.springframework.util.unit.DataSize");
    }
}
