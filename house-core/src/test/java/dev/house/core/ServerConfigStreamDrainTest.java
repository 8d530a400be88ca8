package dev.house.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stream-drain window: its default, and its bound by the grace period. */
class ServerConfigStreamDrainTest {

    @Test
    void theDrainWindowDefaultsToThreeSeconds() {
        assertThat(ServerConfig.defaults().streamDrain()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theDefaultDrainWindowShrinksToAShorterGracePeriod() {
        ServerConfig config = ServerConfig.builder().shutdownGracePeriod(Duration.ofSeconds(1)).build();
        assertThat(config.streamDrain()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.toBuilder().shutdownGracePeriod(Duration.ofSeconds(20)).build().streamDrain())
                .as("a derived config follows its own grace period").isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void aDrainWindowLongerThanTheGracePeriodIsRefusedNamingBoth() {
        assertThatThrownBy(() -> ServerConfig.builder().shutdownGracePeriod(Duration.ofSeconds(2))
                .streamDrain(Duration.ofSeconds(5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streamDrain (PT5S)").hasMessageContaining("shutdownGracePeriod (PT2S)");
    }

    @Test
    void aNegativeDrainWindowIsRefused() {
        assertThatThrownBy(() -> ServerConfig.builder().streamDrain(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamDrain must not be negative");
    }
}
