package dev.house.bench.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * S4: subscribers that stop reading once subscribed (tiny receive buffers, so the server's
 * output backs up at once) next to normal ones, while messages are published at a byte rate.
 * Reports the server's heap over time, the normal subscribers' latency and share of deliveries,
 * and how many slow subscribers the server cut (found by reading them again at the end: a cut
 * one reaches end-of-stream).
 */
final class SlowConsumerScenario {
    private final SubscriberPool pool;
    private final Recorder latency;
    private final ServerProbe probe;
    private final java.net.InetSocketAddress server;
    private final String room;
    private final int normal;
    private final int slow;
    private final int messageBytes;
    private final double bytesPerSecond;
    private final Duration duration;

    SlowConsumerScenario(SubscriberPool pool, java.net.InetSocketAddress server, Recorder latency, ServerProbe probe,
                         Options o) {
        this.pool = pool;
        this.server = server;
        this.room = o.string("room", "bench"); // the room LoadMain subscribed the pool to
        this.latency = latency;
        this.probe = probe;
        this.normal = o.integer("normal", 100);
        this.slow = o.integer("slow", 1000);
        this.messageBytes = o.integer("message-bytes", 16 * 1024);
        this.bytesPerSecond = o.decimal("bytes-per-second", 1024 * 1024);
        this.duration = Duration.ofMillis((long) (o.decimal("seconds", 30) * 1000));
    }

    void run(Report report) throws InterruptedException {
        SubscriberGroup readers = pool.open(new SubscriberGroup("normal", normal, true, 0));
        SubscriberGroup stalled = pool.open(new SubscriberGroup("slow", slow, false, 4096));
        Await.untilStalled(() -> readers.ready + readers.failed + stalled.ready + stalled.failed >= normal + slow,
                () -> readers.ready + stalled.ready + readers.failed + stalled.failed, 15_000, 120_000);
        report.put("normal", readers.ready).put("slow", stalled.ready);
        long heapStart = probe.heapAfterGc();
        List<Long> timeline = new ArrayList<>();
        Process sampler = probe.sampleHeapEverySecond(used -> {
            synchronized (timeline) {
                timeline.add(used);
            }
        });
        double rate = bytesPerSecond / messageBytes;
        long eventsBefore = readers.events;
        int readersBefore = readers.live();
        latency.getIntervalHistogram();
        Publisher publisher = new Publisher(server, room, messageBytes, 4);
        Publisher.Outcome out = publisher.run(rate, duration);
        long expected = out.sent() * readersBefore;
        Await.untilStalled(() -> readers.events - eventsBefore >= expected, () -> readers.events, 2_000, 10_000);
        sampler.destroy();
        Histogram h = latency.getIntervalHistogram();
        long heapEnd = probe.heapAfterGc();
        long rssEnd = probe.rss();
        pool.resumeReading(stalled);
        // Drain what the kernel holds for each slow one; those the server cut then reach EOF.
        Await.untilStalled(() -> stalled.live() == 0, () -> stalled.ended + stalled.bytes, 3_000, 30_000);
        long maxHeap;
        StringJoiner mib = new StringJoiner(",");
        synchronized (timeline) {
            maxHeap = timeline.stream().mapToLong(Long::longValue).max().orElse(0);
            for (long used : timeline) {
                mib.add(Long.toString(Math.round(Report.mib(used))));
            }
        }
        report.put("published_per_s", out.achievedPerSecond())
                .put("failed_posts", out.failed())
                .put("normal_delivered_pct", expected == 0 ? 0.0 : 100.0 * (readers.events - eventsBefore) / expected)
                .put("normal_p50_ms", FanoutScenario.ms(h, 50))
                .put("normal_p99_ms", FanoutScenario.ms(h, 99))
                .put("normal_dropped", normal - readers.live())
                .put("slow_cut", stalled.ended)
                .put("heap_gc_start_mib", Report.mib(heapStart))
                .put("heap_gc_end_mib", Report.mib(heapEnd))
                .put("heap_max_mib", Report.mib(maxHeap))
                .put("rss_end_mib", Report.mib(rssEnd))
                .put("heap_timeline_mib", mib.toString())
                .print();
    }
}
