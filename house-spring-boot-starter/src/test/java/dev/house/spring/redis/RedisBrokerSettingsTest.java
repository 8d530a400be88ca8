package dev.house.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.sse.SseConfig;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisBrokerSettingsTest {

    @Test
    void hasDocumentedDefaults() {
        RedisBrokerSettings s = RedisBrokerSettings.defaults();
        assertThat(s.keyPrefix()).isEqualTo("house:sse:");
        assertThat(s.publishTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.readBlock()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.readBatch()).isEqualTo(1000);
        assertThat(s.reconnectMin()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.reconnectMax()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.presenceTtl()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void refusesInvalidValuesNamingTheSetting() {
        assertThatThrownBy(() -> RedisBrokerSettings.builder().keyPrefix("has space"))
                .hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> RedisBrokerSettings.builder().publishTimeout(Duration.ZERO))
                .hasMessageContaining("publishTimeout");
        assertThatThrownBy(() -> RedisBrokerSettings.builder().readBlock(Duration.ofMillis(5)))
                .hasMessageContaining("readBlock");
        assertThatThrownBy(() -> RedisBrokerSettings.builder().readBatch(0)).hasMessageContaining("readBatch");
        assertThatThrownBy(() -> RedisBrokerSettings.builder().reconnect(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("reconnectMin");
        assertThatThrownBy(() -> RedisBrokerSettings.builder().presenceTtl(Duration.ofMillis(100)))
                .hasMessageContaining("presenceTtl");
    }

    @Test
    void refusesAHistoryTooShortToCarryLiveEvents() {
        RedisClient client = RedisClient.create();
        try {
            assertThatThrownBy(() -> new RedisBroker(client, SseConfig.builder().historySize(0).build(),
                    RedisBrokerSettings.defaults()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historySize");
        } finally {
            client.shutdown();
        }
    }
}
