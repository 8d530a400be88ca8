package dev.house.spring.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link RedisBroker} beyond the {@code SseConfig} it shares with every broker
 * (history size and age, channel-name length). Build with {@link #builder()}; every setter
 * documents its default and refuses invalid values naming the setting.
 */
public final class RedisBrokerSettings {
    private final String keyPrefix;
    private final Duration publishTimeout;
    private final Duration readBlock;
    private final int readBatch;
    private final Duration reconnectMin;
    private final Duration reconnectMax;
    private final Duration presenceTtl;

    private RedisBrokerSettings(Builder b) {
        this.keyPrefix = b.keyPrefix;
        this.publishTimeout = b.publishTimeout;
        this.readBlock = b.readBlock;
        this.readBatch = b.readBatch;
        this.reconnectMin = b.reconnectMin;
        this.reconnectMax = b.reconnectMax;
        this.presenceTtl = b.presenceTtl;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RedisBrokerSettings defaults() {
        return builder().build();
    }

    /** Prefix of every key the broker uses; nodes sharing channels must share it. */
    public String keyPrefix() {
        return keyPrefix;
    }

    /** Longest a publisher waits for Redis before {@link RedisBrokerUnavailableException}. */
    public Duration publishTimeout() {
        return publishTimeout;
    }

    /** How long one blocking read of the node's channels waits for new events. */
    public Duration readBlock() {
        return readBlock;
    }

    /** Most entries one read takes from each stream. */
    public int readBatch() {
        return readBatch;
    }

    /** First delay before reconnecting after Redis failed; doubles up to {@link #reconnectMax()}. */
    public Duration reconnectMin() {
        return reconnectMin;
    }

    public Duration reconnectMax() {
        return reconnectMax;
    }

    /**
     * Life of a node's presence liveness key in Redis, renewed every third of it: a node that
     * crashed has its identities leave within this TTL plus a third.
     */
    public Duration presenceTtl() {
        return presenceTtl;
    }

    /** Collects {@link RedisBrokerSettings}; each setter validates its argument. */
    public static final class Builder {
        private String keyPrefix = "house:sse:";
        private Duration publishTimeout = Duration.ofSeconds(2);
        private Duration readBlock = Duration.ofSeconds(1);
        private int readBatch = 1000;
        private Duration reconnectMin = Duration.ofMillis(100);
        private Duration reconnectMax = Duration.ofSeconds(5);
        private Duration presenceTtl = Duration.ofSeconds(20);

        private Builder() {
        }

        /** Key prefix; default {@code house:sse:}; not empty, no whitespace. */
        public Builder keyPrefix(String prefix) {
            Objects.requireNonNull(prefix, "keyPrefix");
            if (prefix.isEmpty() || prefix.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("keyPrefix must be non-empty without whitespace");
            }
            this.keyPrefix = prefix;
            return this;
        }

        /** Publish timeout; default 2 s; positive. */
        public Builder publishTimeout(Duration timeout) {
            this.publishTimeout = positive(timeout, "publishTimeout");
            return this;
        }

        /** Blocking read time; default 1 s; between 10 ms and 60 s. */
        public Builder readBlock(Duration block) {
            positive(block, "readBlock");
            if (block.toMillis() < 10 || block.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("readBlock must be between 10 ms and 60 s: " + block);
            }
            this.readBlock = block;
            return this;
        }

        /** Entries per stream per read; default 1,000; at least 1. */
        public Builder readBatch(int batch) {
            if (batch < 1) {
                throw new IllegalArgumentException("readBatch must be at least 1: " + batch);
            }
            this.readBatch = batch;
            return this;
        }

        /** Reconnection delays; default 100 ms doubling to 5 s; positive, min not above max. */
        public Builder reconnect(Duration min, Duration max) {
            positive(min, "reconnectMin");
            positive(max, "reconnectMax");
            if (min.compareTo(max) > 0) {
                throw new IllegalArgumentException("reconnectMin must not exceed reconnectMax");
            }
            this.reconnectMin = min;
            this.reconnectMax = max;
            return this;
        }

        /**
         * Presence liveness TTL; default 20 s (a crashed node's identities leave within about
         * 27 s); between 300 ms and 10 min.
         */
        public Builder presenceTtl(Duration ttl) {
            positive(ttl, "presenceTtl");
            if (ttl.toMillis() < 300 || ttl.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("presenceTtl must be between 300 ms and 10 min: " + ttl);
            }
            this.presenceTtl = ttl;
            return this;
        }

        public RedisBrokerSettings build() {
            return new RedisBrokerSettings(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
