package dev.house.core.sse;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of {@link SseChannels}. Build with {@link #builder()}; every setter documents
 * its default and refuses invalid values with a message naming the setting.
 */
public final class SseConfig {
    private final Duration heartbeat;
    private final Duration retry;
    private final boolean retryOnOpen;
    private final int historySize;
    private final Duration historyTtl;
    private final long historyMemoryCap;
    private final long maxPendingBytes;
    private final int maxChannelNameLength;
    private final int maxChannelsPerStream;
    private final int maxChannels;
    private final Duration presenceGrace;
    private final Duration presenceBatch;
    private final int maxPresenceAnswer;

    private SseConfig(Builder b) {
        this.heartbeat = b.heartbeat;
        this.retry = b.retry;
        this.retryOnOpen = b.retryOnOpen;
        this.historySize = b.historySize;
        this.historyTtl = b.historyTtl;
        this.historyMemoryCap = b.historyMemoryCap;
        this.maxPendingBytes = b.maxPendingBytes;
        this.maxChannelNameLength = b.maxChannelNameLength;
        this.maxChannelsPerStream = b.maxChannelsPerStream;
        this.maxChannels = b.maxChannels;
        this.presenceGrace = b.presenceGrace;
        this.presenceBatch = b.presenceBatch;
        this.maxPresenceAnswer = b.maxPresenceAnswer;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SseConfig defaults() {
        return builder().build();
    }

    /** Idle time after which a stream gets a heartbeat comment. */
    public Duration heartbeat() {
        return heartbeat;
    }

    /**
     * The reconnection delay sent as {@code retry:} when a stream opens; before shutdown closes a
     * stream it gets a hint jittered around this one (half to one and a half times it).
     */
    public Duration retry() {
        return retry;
    }

    /** Whether the {@code retry:} hint is sent as soon as a stream opens. */
    public boolean retryOnOpen() {
        return retryOnOpen;
    }

    /** Events retained per channel for replay. */
    public int historySize() {
        return historySize;
    }

    /** How long a retained event stays replayable. */
    public Duration historyTtl() {
        return historyTtl;
    }

    /**
     * Estimated bytes all channels' history may hold together, each channel's own bookkeeping
     * included; the oldest events go first.
     */
    public long historyMemoryCap() {
        return historyMemoryCap;
    }

    /** Unwritten bytes per subscriber past which it is disconnected as too slow. */
    public long maxPendingBytes() {
        return maxPendingBytes;
    }

    public int maxChannelNameLength() {
        return maxChannelNameLength;
    }

    /** How many channels one stream may subscribe to. */
    public int maxChannelsPerStream() {
        return maxChannelsPerStream;
    }

    /**
     * How many channels the broker keeps. Past it, creating a channel forgets the least recently
     * used channel that has no subscribers (its history goes; a client resuming there is told
     * {@value SseChannels#HISTORY_LOST_EVENT}). Channels with subscribers are never forgotten, so
     * they alone may exceed it (they are bounded by connections times
     * {@link #maxChannelsPerStream()}); while they do, an event published to a new channel is
     * delivered to nobody and not retained.
     */
    public int maxChannels() {
        return maxChannels;
    }

    /**
     * How long an identity stays present after its last stream ended before it is gone (and a
     * {@value PresenceTracker#LEAVE_EVENT} is sent): a reload or a reconnect within it shows no
     * leave and join.
     */
    public Duration presenceGrace() {
        return presenceGrace;
    }

    /**
     * The window over which joins and leaves of a channel are gathered into one event: a storm of
     * reconnects becomes a few events per channel, not one per client.
     */
    public Duration presenceBatch() {
        return presenceBatch;
    }

    /** Most identities in one presence answer or one join/leave event. */
    public int maxPresenceAnswer() {
        return maxPresenceAnswer;
    }

    /** Collects {@link SseConfig} values; each setter validates its argument. */
    public static final class Builder {
        private Duration heartbeat = Duration.ofSeconds(15);
        private Duration retry = Duration.ofSeconds(3);
        private boolean retryOnOpen = true;
        private int historySize = 1000;
        private Duration historyTtl = Duration.ofMinutes(5);
        private long historyMemoryCap = 64L * 1024 * 1024;
        private long maxPendingBytes = 256 * 1024;
        private int maxChannelNameLength = 64;
        private int maxChannelsPerStream = 16;
        private int maxChannels = 100_000;
        private Duration presenceGrace = Duration.ofSeconds(5);
        private Duration presenceBatch = Duration.ofMillis(200);
        private int maxPresenceAnswer = 100;

        private Builder() {
        }

        /** Idle time before a heartbeat comment is sent; default 15 s, at least 10 ms. */
        public Builder heartbeat(Duration heartbeat) {
            Objects.requireNonNull(heartbeat, "heartbeat");
            if (heartbeat.toMillis() < 10) {
                throw new IllegalArgumentException("heartbeat must be at least 10 ms: " + heartbeat);
            }
            this.heartbeat = heartbeat;
            return this;
        }

        /** Reconnection hint ({@code retry:}); default 3 s; zero allowed, negative not. */
        public Builder retry(Duration retry) {
            Objects.requireNonNull(retry, "retry");
            if (retry.isNegative()) {
                throw new IllegalArgumentException("retry must not be negative: " + retry);
            }
            this.retry = retry;
            return this;
        }

        /** Whether to send the retry hint when a stream opens; default {@code true}. */
        public Builder retryOnOpen(boolean retryOnOpen) {
            this.retryOnOpen = retryOnOpen;
            return this;
        }

        /** Events retained per channel; default 1,000; 0 disables replay. */
        public Builder historySize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("historySize must not be negative: " + size);
            }
            this.historySize = size;
            return this;
        }

        /** How long events stay replayable; default 5 minutes; must be positive. */
        public Builder historyTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "historyTtl");
            if (ttl.isZero() || ttl.isNegative()) {
                throw new IllegalArgumentException("historyTtl must be positive: " + ttl);
            }
            this.historyTtl = ttl;
            return this;
        }

        /** Estimated bytes of history across all channels; default 64 MiB; at least 1 KiB. */
        public Builder historyMemoryCap(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("historyMemoryCap must be at least 1024: " + bytes);
            }
            this.historyMemoryCap = bytes;
            return this;
        }

        /** Unwritten bytes per subscriber before it is cut off; default 256 KiB; at least 1 KiB. */
        public Builder maxPendingBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxPendingBytes must be at least 1024: " + bytes);
            }
            this.maxPendingBytes = bytes;
            return this;
        }

        /** Longest channel name; default 64; between 1 and 256. */
        public Builder maxChannelNameLength(int length) {
            if (length < 1 || length > 256) {
                throw new IllegalArgumentException("maxChannelNameLength must be between 1 and 256: " + length);
            }
            this.maxChannelNameLength = length;
            return this;
        }

        /** Most channels one stream may join; default 16; at least 1. */
        public Builder maxChannelsPerStream(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxChannelsPerStream must be at least 1: " + max);
            }
            this.maxChannelsPerStream = max;
            return this;
        }

        /** Most channels kept at once (see {@link SseConfig#maxChannels()}); default 100,000; at least 1. */
        public Builder maxChannels(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxChannels must be at least 1: " + max);
            }
            this.maxChannels = max;
            return this;
        }

        /** See {@link SseConfig#presenceGrace()}; default 5 seconds; zero or more, at most 10 minutes. */
        public Builder presenceGrace(Duration grace) {
            Objects.requireNonNull(grace, "presenceGrace");
            if (grace.isNegative() || grace.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("presenceGrace must be between 0 and 10 minutes: " + grace);
            }
            this.presenceGrace = grace;
            return this;
        }

        /** See {@link SseConfig#presenceBatch()}; default 200 ms; between 1 ms and 10 seconds. */
        public Builder presenceBatch(Duration batch) {
            Objects.requireNonNull(batch, "presenceBatch");
            if (batch.compareTo(Duration.ofMillis(1)) < 0 || batch.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("presenceBatch must be between 1 ms and 10 seconds: " + batch);
            }
            this.presenceBatch = batch;
            return this;
        }

        /** See {@link SseConfig#maxPresenceAnswer()}; default 100; between 1 and 10,000. */
        public Builder maxPresenceAnswer(int max) {
            if (max < 1 || max > 10_000) {
                throw new IllegalArgumentException("maxPresenceAnswer must be between 1 and 10000: " + max);
            }
            this.maxPresenceAnswer = max;
            return this;
        }

        public SseConfig build() {
            return new SseConfig(this);
        }
    }
}
