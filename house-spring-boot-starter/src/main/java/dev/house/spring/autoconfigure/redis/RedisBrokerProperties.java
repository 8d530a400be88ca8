package dev.house.spring.autoconfigure.redis;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the Redis SSE broker under {@code house.redis.*}, used when {@code house.broker=redis}.
 * The connection itself is the application's ({@code spring.data.redis.*}); history size and age
 * are {@code house.sse.*} as for the in-memory broker.
 */
@ConfigurationProperties("house.redis")
public class RedisBrokerProperties {

    /** Prefix of the Redis keys the broker uses; nodes that share channels must share it. */
    private String keyPrefix = "house:sse:";

    /** Longest a publisher waits for Redis before the publish fails. */
    private Duration publishTimeout = Duration.ofSeconds(2);

    /** How long one blocking read of this node's channels waits for new events. */
    private Duration readBlock = Duration.ofSeconds(1);

    /** Most entries one read takes from each channel's stream. */
    private int readBatch = 1000;

    /** First delay before reconnecting to Redis after a failure; doubles up to reconnect-max. */
    private Duration reconnectMin = Duration.ofMillis(100);

    /** Longest delay between reconnection attempts. */
    private Duration reconnectMax = Duration.ofSeconds(5);

    /**
     * Life of a node's presence liveness key, renewed every third of it: a crashed node's
     * identities leave within about this plus a third.
     */
    private Duration presenceTtl = Duration.ofSeconds(20);

    public String getKeyPrefix() {
        return this.keyPrefix;
    }

    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    public Duration getPublishTimeout() {
        return this.publishTimeout;
    }

    public void setPublishTimeout(Duration publishTimeout) {
        this.publishTimeout = publishTimeout;
    }

    public Duration getReadBlock() {
        return this.readBlock;
    }

    public void setReadBlock(Duration readBlock) {
        this.readBlock = readBlock;
    }

    public int getReadBatch() {
        return this.readBatch;
    }

    public void setReadBatch(int readBatch) {
        this.readBatch = readBatch;
    }

    public Duration getReconnectMin() {
        return this.reconnectMin;
    }

    public void setReconnectMin(Duration reconnectMin) {
        this.reconnectMin = reconnectMin;
    }

    public Duration getReconnectMax() {
        return this.reconnectMax;
    }

    public void setReconnectMax(Duration reconnectMax) {
        this.reconnectMax = reconnectMax;
    }

    public Duration getPresenceTtl() {
        return this.presenceTtl;
    }

    public void setPresenceTtl(Duration presenceTtl) {
        this.presenceTtl = presenceTtl;
    }
}
