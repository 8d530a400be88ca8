package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseConfigTest {

    @Test
    void hasDocumentedDefaults() {
        SseConfig c = SseConfig.defaults();
        assertThat(c.heartbeat()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.historySize()).isEqualTo(1000);
        assertThat(c.historyTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.maxPendingBytes()).isEqualTo(256 * 1024);
        assertThat(c.maxChannelNameLength()).isEqualTo(64);
    }

    @Test
    void refusesTooShortHeartbeat() {
        assertThatThrownBy(() -> SseConfig.builder().heartbeat(Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("heartbeat");
    }

    @Test
    void refusesNegativeHistorySize() {
        assertThatThrownBy(() -> SseConfig.builder().historySize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historySize");
    }

    @Test
    void refusesZeroHistoryTtl() {
        assertThatThrownBy(() -> SseConfig.builder().historyTtl(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("historyTtl");
    }

    @Test
    void refusesTinyPendingBound() {
        assertThatThrownBy(() -> SseConfig.builder().maxPendingBytes(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxPendingBytes");
    }

    @Test
    void channelNamesFollowTheRule() {
        assertThat(ChannelNames.isValid("room-1.chat:en_GB", 64)).isTrue();
        assertThat(ChannelNames.isValid("", 64)).isFalse();
        assertThat(ChannelNames.isValid("a b", 64)).isFalse();
        assertThat(ChannelNames.isValid("caf\u00e9", 64)).isFalse();
        assertThat(ChannelNames.isValid("a/b", 64)).isFalse();
        assertThat(ChannelNames.isValid("abcde", 4)).isFalse();
    }
}
