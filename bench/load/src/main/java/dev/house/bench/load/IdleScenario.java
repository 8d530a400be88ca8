package dev.house.bench.load;

import java.time.Duration;

/**
 * S3: opens as many idle SSE subscribers as asked (or as the server and the machine allow),
 * then reads the server's live heap and RSS against a baseline taken before, and checks the
 * streams are really held by publishing one event every subscriber must receive.
 */
final class IdleScenario {
    private final SubscriberPool pool;
    private final Publisher publisher;
    private final ServerProbe probe;
    private final int subscribers;
    private final int histogramLines;

    IdleScenario(SubscriberPool pool, Publisher publisher, ServerProbe probe, Options o) {
        this.pool = pool;
        this.publisher = publisher;
        this.probe = probe;
        this.subscribers = o.integer("subscribers", 10_000);
        this.histogramLines = o.integer("class-histogram", 0);
    }

    void run(Report report) throws InterruptedException {
        long heap0 = probe.heapAfterGc();
        long rss0 = probe.rss();
        long started = System.nanoTime();
        SubscriberGroup group = pool.open(new SubscriberGroup("idle", subscribers, true, 0));
        Await.untilStalled(() -> group.ready + group.failed >= subscribers, () -> group.ready + group.failed,
                15_000, 600_000);
        double connectSeconds = (System.nanoTime() - started) / 1e9;
        Report.progress("  %d ready, %d failed in %.1f s", group.ready, group.failed, connectSeconds);
        Thread.sleep(2_000); // let the server finish whatever each subscribe started
        long heap1 = probe.heapAfterGc();
        long rss1 = probe.rss();
        if (histogramLines > 0) {
            Report.progress("%s", probe.classHistogram(histogramLines));
        }
        int ready = Math.max(1, group.ready);
        long eventsBefore = group.events;
        publisher.run(1, Duration.ofSeconds(1));
        Await.untilStalled(() -> group.events - eventsBefore >= group.live(), () -> group.events, 3_000, 30_000);
        report.put("target", subscribers)
                .put("ready", group.ready)
                .put("failed", group.failed)
                .put("held", group.events - eventsBefore)
                .put("heap_per_conn_bytes", (heap1 - heap0) / ready)
                .put("rss_per_conn_bytes", (rss1 - rss0) / ready)
                .put("heap_base_mib", Report.mib(heap0))
                .put("heap_mib", Report.mib(heap1))
                .put("rss_base_mib", Report.mib(rss0))
                .put("rss_mib", Report.mib(rss1))
                .put("connect_s", connectSeconds);
        if (group.firstFailure != null) {
            report.put("first_failure", group.firstFailure);
        }
        report.print();
    }
}
