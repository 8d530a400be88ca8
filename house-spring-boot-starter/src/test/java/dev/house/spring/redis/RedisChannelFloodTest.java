package dev.house.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.sse.SseConfig;
import dev.house.spring.testing.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A flood of one-message channels through the Redis broker, against a real redis-server: Redis
 * holds one stream per channel that expires a history-ttl after its last event, and a node keeps
 * nothing for channels it has no subscribers of, so neither side grows without bound.
 */
class RedisChannelFloodTest {
    private static final int CHANNELS = 2000;
    /** {@code last}, {@code since}, {@code epoch}, and the node's presence liveness key and node set: see REDIS.md. */
    private static final long GLOBAL_KEYS = 5;
    private static final Duration TTL = Duration.ofSeconds(5);
    private TestRedis redis;
    private Node node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aFloodOfOneMessageChannelsLeavesOnlyStreamsThatExpireAfterTheHistoryTtl() throws Exception {
        redis = TestRedis.start();
        node = new Node(redis.uri(), SseConfig.builder().historyTtl(TTL).build());

        for (int i = 0; i < CHANNELS; i++) {
            node.sse.publish("room-" + i, "hello");
        }

        // One stream per channel at most besides the broker's own keys; on a
        // slow machine the first streams may have expired already.
        assertThat(keys()).isBetween((long) CHANNELS / 2, (long) CHANNELS + GLOBAL_KEYS);
        long pttl = Long.parseLong(redis.command("PTTL house:sse:channel:room-" + (CHANNELS - 1)).substring(1));
        assertThat(pttl).as("ms to live of the newest channel's stream").isPositive().isLessThanOrEqualTo(TTL.toMillis());
        // The node follows only channels it has subscribers of.
        assertThat(node.sse.channels()).isEmpty();
        assertThat(Await.until(Duration.ofSeconds(30), () -> keys() <= GLOBAL_KEYS))
                .as("every channel's stream expired").isTrue();
    }

    private long keys() {
        try {
            return Long.parseLong(redis.command("DBSIZE").substring(1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
