package dev.house.bench.load;

import java.util.Locale;

/**
 * S7: a burst (the game move, the market tick, everyone reacting at once). N subscribers on one
 * room stop reading once subscribed; their socket buffers hold the whole burst, so the server
 * never waits on a client and only its own work is measured. {@code events} posts go out back to
 * back on one pipelined connection; the server's CPU and write syscalls are read from the first
 * post until the server is idle again (its CPU time stops moving), then every subscriber drains
 * its socket and the events are counted. Reports server CPU microseconds and write syscalls per
 * delivery, deliveries per second of the server's busy time, and the delivered share, which must
 * be 100 %.
 */
final class BurstScenario {
    /** The server is idle once its threads ran or waited to run at most {@link #QUIET_NANOS} in this long. */
    static final long IDLE_MILLIS = 300;
    /** An idle JVM still wakes now and then (timers, a background compile): this much in a window is quiet. */
    static final long QUIET_NANOS = 3_000_000;
    /** How often the server's counters are read while waiting for it to go idle. */
    static final long POLL_MILLIS = 10;

    private final SubscriberPool pool;
    private final Publisher publisher;
    private final ProcessCost server;
    private final int subscribers;
    private final int events;

    BurstScenario(SubscriberPool pool, Publisher publisher, ProcessCost server, Options o) {
        this.pool = pool;
        this.publisher = publisher;
        this.server = server;
        this.subscribers = o.integer("subscribers", 5_000);
        this.events = o.integer("events", 50);
    }

    void run(Report report) throws InterruptedException {
        SubscriberGroup group = pool.open(new SubscriberGroup("burst", subscribers, false, 0));
        Await.untilStalled(() -> group.ready + group.failed >= subscribers, () -> group.ready + group.failed,
                15_000, 180_000);
        report.put("subscribers", subscribers).put("events", events).put("ready", group.ready);
        if (group.ready < subscribers) {
            report.put("error", "only " + group.ready + " of " + subscribers + " subscribed; first failure: "
                    + group.firstFailure).print();
            return;
        }
        // One unmeasured burst first, as S2 warms up with a step: the JIT compiles the publish path.
        Measured warmUp = burst(group);
        Report.progress("  warm-up burst: %d posted, %d/%d delivered", warmUp.posted.sent(), warmUp.delivered,
                (long) subscribers * events);
        pool.pauseReading(group);
        Thread.sleep(200); // the pause is a task on the pool's thread; let it run before the measured burst
        Measured m = burst(group);
        Publisher.Outcome out = m.posted;
        ProcessCost.Delta busy = m.busy;
        ProcessCost.Delta client = m.client;
        long delivered = m.delivered;
        Report.progress("  burst %d x %d: server busy %.0f ms, cpu %.0f ms, %d write syscalls, delivered %d/%d",
                subscribers, events, busy.wallNanos() / 1e6, busy.cpuNanos() / 1e6, busy.writeSyscalls(), delivered,
                (long) subscribers * events);
        report.put("posted", out.sent())
                .put("failed_posts", out.failed())
                .put("delivered", delivered)
                .put("delivered_pct", 100.0 * delivered / ((long) subscribers * events))
                .put("busy_ms", busy.wallNanos() / 1e6)
                .put("cpu_ms", busy.cpuNanos() / 1e6)
                .put("cpu_us_per_delivery", busy.cpuMicrosPer(delivered))
                .put("syscw_per_delivery", String.format(Locale.ROOT, "%.3f", busy.writeSyscallsPer(delivered)))
                .put("deliveries_per_busy_s", deliveriesPerBusySecond(delivered, busy))
                .put("client_cpu_pct", 100 * client.cores());
        if (out.failed() > 0) {
            report.put("error", out.failed() + " failed posts (" + out.firstFailure() + ")");
        } else if (delivered < (long) subscribers * events) {
            report.put("error", "lost " + ((long) subscribers * events - delivered) + " deliveries");
        }
        report.print();
    }

    /** One burst's figures. */
    private record Measured(Publisher.Outcome posted, ProcessCost.Delta busy, ProcessCost.Delta client, long delivered) {
    }

    /**
     * Waits until the server is quiet, posts the burst to the (not reading) group, measures until the
     * server is idle again, then lets the group read and counts what arrived.
     */
    private Measured burst(SubscriberGroup group) throws InterruptedException {
        // Subscribing (and a JIT's background compiles) is work too: start from a quiet server.
        waitUntilIdle(server.sampleActivity(), 30_000);
        long eventsBefore = group.events;
        ProcessCost.Sample start = server.sampleActivity();
        ProcessCost.Sample clientStart = ProcessCost.self().sample();
        Publisher.Outcome out = publisher.burst(events);
        ProcessCost.Sample end = waitUntilIdle(start, 120_000);
        ProcessCost.Delta client = ProcessCost.self().sample().since(clientStart);
        pool.resumeReading(group);
        // every post was attempted: an unanswered one may still have been delivered
        long expected = (long) events * group.live();
        Await.untilStalled(() -> group.events - eventsBefore >= expected, () -> group.events, 3_000, 120_000);
        return new Measured(out, end.since(start), client, group.events - eventsBefore);
    }

    /**
     * Deliveries per second of the time the server was busy: from the first post to the last sample
     * at which its CPU time still moved.
     */
    static long deliveriesPerBusySecond(long delivered, ProcessCost.Delta busy) {
        return busy.wallNanos() <= 0 ? 0 : Math.round(delivered / (busy.wallNanos() / 1e9));
    }

    /**
     * Polls the server until its CPU time has not moved for {@link #IDLE_MILLIS}; returns the sample
     * at which it last moved (the end of the busy period), or the last one at the timeout.
     */
    private ProcessCost.Sample waitUntilIdle(ProcessCost.Sample from, long timeoutMillis) throws InterruptedException {
        return IdleDetector.lastMove(server::sampleActivity, from, IDLE_MILLIS * 1_000_000, QUIET_NANOS,
                timeoutMillis * 1_000_000, () -> Thread.sleep(POLL_MILLIS));
    }

    /** Finding the end of a busy period in a series of samples; separate so it can be tested without a server. */
    static final class IdleDetector {
        private IdleDetector() {
        }

        interface Sleep {
            void run() throws InterruptedException;
        }

        /**
         * Samples until the threads' scheduled time (run + run-queue wait, see
         * {@link ProcessCost#sampleActivity}) advanced by at most {@code quietNanos} over
         * {@code idleNanos}, or {@code timeoutNanos} passed. Returns the first sample at the
         * scheduled time the quiet window started from, i.e. the moment the server went idle (at
         * the timeout, the last sample). A server starved of CPU by other processes is waiting to
         * run, so it does not look idle.
         */
        static ProcessCost.Sample lastMove(java.util.function.Supplier<ProcessCost.Sample> sampler,
                                           ProcessCost.Sample from, long idleNanos, long quietNanos, long timeoutNanos,
                                           Sleep sleep) throws InterruptedException {
            java.util.List<ProcessCost.Sample> seen = new java.util.ArrayList<>(java.util.List.of(from));
            while (true) {
                sleep.run();
                ProcessCost.Sample s = sampler.get();
                seen.add(s);
                // the latest sample at least idleNanos before this one
                ProcessCost.Sample windowStart = null;
                for (int i = seen.size() - 1; i >= 0; i--) {
                    if (s.atNanos() - seen.get(i).atNanos() >= idleNanos) {
                        windowStart = seen.get(i);
                        break;
                    }
                }
                long moved = windowStart == null ? Long.MAX_VALUE : s.scheduledNanos() - windowStart.scheduledNanos();
                // a thread that exited takes its time out of the sum: negative is not quiet
                if (moved >= 0 && moved <= quietNanos) {
                    for (ProcessCost.Sample earlier : seen) {
                        if (earlier.scheduledNanos() >= windowStart.scheduledNanos()) {
                            return earlier;
                        }
                    }
                }
                if (s.atNanos() - from.atNanos() >= timeoutNanos) {
                    return s;
                }
            }
        }
    }
}
