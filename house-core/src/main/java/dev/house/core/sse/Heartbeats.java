package dev.house.core.sse;

import dev.house.core.http.StreamChunk;
import dev.house.core.http.StreamExecutor;
import dev.house.core.sse.spi.Subscriber;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps idle SSE streams alive: one repeating timer per event loop walks that loop's streams and
 * sends the shared heartbeat comment to each one idle for the heartbeat interval. Proxies then
 * see traffic, and a half-open connection fails its write and is found. The same walk serves
 * shutdown, which ends every stream after a farewell chunk.
 */
final class Heartbeats {
    /** The heartbeat: an empty comment, the smallest thing a proxy sees as traffic. */
    static final StreamChunk HEARTBEAT = StreamChunk.of(":\n\n");

    private final long idleNanos;
    private final long periodNanos;
    private final Runnable maintenance;
    private final LongAdder droppedSlow = new LongAdder();
    private final Map<StreamExecutor, LoopStreams> loops = new ConcurrentHashMap<>();

    /** @param maintenance run on every tick too (cheap, rate-limited broker housekeeping) */
    Heartbeats(SseConfig config, Runnable maintenance) {
        this.idleNanos = config.heartbeat().toNanos();
        // Checking four times per interval keeps a stream's silence under 1.25 intervals.
        this.periodNanos = Math.max(1_000_000L, idleNanos / 4);
        this.maintenance = maintenance;
    }

    /** Starts watching {@code writer}; call on its loop. */
    void add(SseWriter writer) {
        StreamExecutor loop = writer.stream().executor();
        loops.computeIfAbsent(loop, this::start).streams.add(writer);
    }

    /** Stops watching {@code writer}; call on its loop. */
    void remove(SseWriter writer) {
        LoopStreams ls = loops.get(writer.stream().executor());
        if (ls != null) {
            ls.streams.remove(writer);
        }
    }

    /** Subscribers cut off as too slow while being sent a heartbeat. */
    long droppedSlow() {
        return droppedSlow.sum();
    }

    /** Sends {@code farewell} to every stream, closes them, and stops the timers. */
    void closeAll(StreamChunk farewell) {
        for (Map.Entry<StreamExecutor, LoopStreams> e : loops.entrySet()) {
            LoopStreams ls = e.getValue();
            ls.stop();
            e.getKey().execute(() -> {
                for (SseWriter w : ls.streams.snapshot()) {
                    w.write(farewell);
                    w.stream().close();
                }
            });
        }
    }

    private LoopStreams start(StreamExecutor loop) {
        LoopStreams ls = new LoopStreams();
        ls.next(loop.schedule(() -> tick(loop, ls), periodNanos, TimeUnit.NANOSECONDS));
        return ls;
    }

    private void tick(StreamExecutor loop, LoopStreams ls) {
        if (ls.stopped) {
            return;
        }
        // Re-armed first, so a failing walk does not stop the heartbeats of the loop.
        ls.next(loop.schedule(() -> tick(loop, ls), periodNanos, TimeUnit.NANOSECONDS));
        long now = loop.now();
        for (SseWriter w : ls.streams.snapshot()) {
            if (w.idleFor(idleNanos, now) && w.write(HEARTBEAT) == Subscriber.Outcome.CUT_OFF) {
                droppedSlow.increment();
            }
        }
        maintenance.run();
    }

    /** One loop's streams and its timer; the set is touched only on that loop. */
    private static final class LoopStreams {
        final LoopSet<SseWriter> streams = new LoopSet<>(SseWriter[]::new);
        private volatile StreamExecutor.Cancellable timer;
        volatile boolean stopped;

        void next(StreamExecutor.Cancellable t) {
            timer = t;
            if (stopped) {
                t.cancel();
            }
        }

        void stop() {
            stopped = true;
            StreamExecutor.Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
        }
    }
}
