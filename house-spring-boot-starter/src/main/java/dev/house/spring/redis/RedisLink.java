package dev.house.spring.redis;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.UnblockType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The broker's two connections to Redis, made from the application's Lettuce client: one that
 * blocks in {@code XREAD} for the node's channels, one for everything else (publishing,
 * snapshots, waking the reader). A lost connection is reported at once through Lettuce's
 * connection events, so publishers fail fast instead of waiting out a timeout.
 */
final class RedisLink implements AutoCloseable {
    private final RedisClient client;
    private final Runnable onLost;
    private final RedisConnectionStateListener listener = new RedisConnectionStateListener() {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (connection == reader || connection == commands) {
                onLost.run();
            }
        }
    };
    private volatile StatefulRedisConnection<String, String> reader;
    private volatile StatefulRedisConnection<String, String> commands;
    private volatile long readerClientId = -1;

    /** @param onLost called (on a Lettuce thread) when one of the connections drops */
    RedisLink(RedisClient client, Runnable onLost) {
        this.client = client;
        this.onLost = onLost;
        client.addListener(listener);
    }

    /**
     * Waits at most {@code timeout} for the reply to a command a worker thread sent (publishers and
     * presence queries share these rules); each way it fails becomes a
     * {@link RedisBrokerUnavailableException}: {@code refused} says what Redis refused, and
     * {@code afterTimeout} what the caller can know of the outcome when Redis did not answer.
     */
    static <T> T await(CompletableFuture<T> reply, Duration timeout, String refused, String afterTimeout) {
        try {
            return reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw new RedisBrokerUnavailableException("Redis did not answer within " + timeout.toMillis() + " ms"
                    + afterTimeout, e);
        } catch (ExecutionException e) {
            throw new RedisBrokerUnavailableException("Redis refused " + refused + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisBrokerUnavailableException("interrupted while waiting for Redis", e);
        }
    }

    /** The commands connection, or {@code null} before the first successful connect. */
    RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> c = commands;
        return c == null ? null : c.async();
    }

    RedisAsyncCommands<String, String> reader() {
        return reader.async();
    }

    /**
     * Replaces both connections with fresh ones and checks they answer within {@code timeout};
     * learns the reader's client id so that it can be woken. Fresh connections, rather than
     * waiting for Lettuce's own reconnection (whose delays grow to many seconds), make the node
     * return as soon as Redis does. Blocks: reader thread only.
     */
    void reconnect(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        StatefulRedisConnection<String, String> oldReader = reader;
        StatefulRedisConnection<String, String> oldCommands = commands;
        reader = null; // before closing, so their close is not reported as a loss
        commands = null;
        readerClientId = -1;
        closeQuietly(oldReader);
        closeQuietly(oldCommands);
        StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8);
        StatefulRedisConnection<String, String> r;
        try {
            r = client.connect(StringCodec.UTF8);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
        reader = r;
        commands = c;
        c.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        readerClientId = r.async().clientId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Ends the reader's blocking read early (it returns empty); fire and forget. */
    void wakeReader() {
        long id = readerClientId;
        StatefulRedisConnection<String, String> c = commands;
        if (id >= 0 && c != null && c.isOpen()) {
            c.async().clientUnblock(id, UnblockType.TIMEOUT);
        }
    }

    @Override
    public void close() {
        client.removeListener(listener);
        closeQuietly(reader);
        closeQuietly(commands);
    }

    private static void closeQuietly(StatefulRedisConnection<?, ?> c) {
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closing a broken connection may fail; it is being discarded either way
            }
        }
    }
}
