package dev.house.bench.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * S2: N subscribers on one room; the publish rate rises step by step until errors appear
 * (failed posts, lost deliveries, dropped subscribers, a publisher that cannot reach the rate) or
 * the p99 publish-to-receive latency passes a hard cap. Reports the highest deliveries/s of a
 * step whose p99 stayed within the bound (the headline figure), and, because a busy machine can
 * push every step past the bound, also the highest error-free deliveries/s whatever the p99.
 * With the server's process ids ({@code --pids}) each step also has a cost, which does not depend
 * on the load client's speed: server CPU microseconds and write syscalls per delivery
 * ({@link ProcessCost}); and every step reports the client's own CPU, marked client-bound when
 * the client's core was saturated, so a client limit is not read as a server limit.
 */
final class FanoutScenario {
    private final SubscriberPool pool;
    private final Publisher publisher;
    private final Recorder latency;
    private final int subscribers;
    private final Duration step;
    private final double growth;
    private final double p99BoundMillis;
    private final int maxSteps;
    private final double p99CapMillis;
    private final double startRate;
    private final ProcessCost server; // null: no --pids, no cost view
    private final ProcessCost client = ProcessCost.self();

    FanoutScenario(SubscriberPool pool, Publisher publisher, Recorder latency, ProcessCost server, Options o) {
        this.server = server;
        this.pool = pool;
        this.publisher = publisher;
        this.latency = latency;
        this.subscribers = o.integer("subscribers", 1000);
        this.step = Duration.ofMillis((long) (o.decimal("step-seconds", 5) * 1000));
        this.growth = o.decimal("growth", 1.5);
        this.p99BoundMillis = o.decimal("p99-bound-ms", 100);
        this.maxSteps = o.integer("max-steps", 30);
        this.p99CapMillis = o.decimal("p99-cap-ms", 1000);
        this.startRate = o.decimal("start-rate", Math.max(1, 2_000.0 / subscribers));
    }

    /** One step's outcome. */
    record Step(double targetRate, Publisher.Outcome published, long expected, long delivered, int dropped,
                Histogram latency, String error, boolean withinBound, ProcessCost.Delta serverCost,
                ProcessCost.Delta clientCost) {
        double deliveriesPerSecond(Duration step) {
            return delivered / (step.toNanos() / 1e9);
        }

        /** Whether the load client's CPUs were busy throughout: then its limit, not the server's, may show. */
        boolean clientBound() {
            return clientCost.cores() >= CLIENT_BOUND_CORES * Runtime.getRuntime().availableProcessors();
        }

        /** {@code events/s:cpu_us/delivery:syscalls/delivery:client_cpu_%[:client-bound][:error]}, for the raw results and run.sh's cost tables. */
        String cost() {
            return String.format(java.util.Locale.ROOT, "%.0f:%s:%s:%.0f%s", targetRate,
                    serverCost == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", serverCost.cpuMicrosPer(delivered)),
                    serverCost == null ? "-" : String.format(java.util.Locale.ROOT, "%.3f", serverCost.writeSyscallsPer(delivered)),
                    100 * clientCost.cores(), clientBound() ? ":client-bound" : "") + (error != null ? ":error" : "");
        }
    }

    /**
     * A step is client-bound when the load client used at least this share of the cores it may run
     * on (bench/run.sh pins it to one): the kernel's accounting ticks at 10 ms, and a client thread
     * always waits a little on its own selector, so a saturated client reads ~0.9, not 1.0.
     */
    static final double CLIENT_BOUND_CORES = 0.85;

    void run(Report report) throws InterruptedException {
        SubscriberGroup group = pool.open(new SubscriberGroup("subscribers", subscribers, true, 0));
        Await.untilStalled(() -> group.ready + group.failed >= subscribers, () -> group.ready + group.failed,
                15_000, 120_000);
        report.put("subscribers", subscribers).put("ready", group.ready);
        if (group.ready < subscribers) {
            report.put("error", "only " + group.ready + " of " + subscribers + " subscribed; first failure: "
                    + group.firstFailure).print();
            return;
        }
        double rate = startRate;
        // Warm-up at the starting rate, not measured.
        runStep(group, rate, step);
        Step best = null;
        Step peak = null;
        String limit = "max-steps";
        java.util.StringJoiner costs = new java.util.StringJoiner(",");
        int clientBoundSteps = 0;
        for (int i = 0; i < maxSteps; i++) {
            Step s = runStep(group, rate, step);
            costs.add(s.cost());
            clientBoundSteps += s.clientBound() ? 1 : 0;
            Report.progress("  step rate=%.1f/s sent=%d failed=%d delivered=%d/%d p50=%.1fms p99=%.1fms"
                            + " server=%s us/delivery syscw=%s/delivery client_cpu=%.0f%% (%.2f us/delivery)%s -> %s",
                    rate, s.published().sent(), s.published().failed(), s.delivered(), s.expected(),
                    ms(s.latency(), 50), ms(s.latency(), 99),
                    s.serverCost() == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", s.serverCost().cpuMicrosPer(s.delivered())),
                    s.serverCost() == null ? "-" : String.format(java.util.Locale.ROOT, "%.3f", s.serverCost().writeSyscallsPer(s.delivered())),
                    100 * s.clientCost().cores(), s.clientCost().cpuMicrosPer(s.delivered()),
                    s.clientBound() ? " CLIENT-BOUND" : "",
                    s.error() != null ? "ERROR (" + s.error() + ")" : s.withinBound() ? "pass" : "over the p99 bound");
            if (s.error() != null) {
                limit = s.error();
                break;
            }
            peak = s;
            if (s.withinBound()) {
                best = s;
            }
            if (ms(s.latency(), 99) > p99CapMillis) {
                limit = String.format(java.util.Locale.ROOT, "p99 %.0f ms over the %.0f ms cap", ms(s.latency(), 99),
                        p99CapMillis);
                break;
            }
            rate *= growth;
        }
        report.put("deliveries_per_s", best == null ? 0 : (long) best.deliveriesPerSecond(step));
        if (best != null) {
            report.put("publish_per_s", best.published().achievedPerSecond())
                    .put("p50_ms", ms(best.latency(), 50))
                    .put("p99_ms", ms(best.latency(), 99));
            putCost(report, "", best);
        }
        if (peak != null) {
            report.put("peak_deliveries_per_s", (long) peak.deliveriesPerSecond(step))
                    .put("peak_p99_ms", ms(peak.latency(), 99));
            putCost(report, "peak_", peak);
        }
        report.put("client_bound_steps", clientBoundSteps).put("limit", limit).put("step_costs", costs).print();
    }

    /** The cost view of a step: server CPU and write syscalls per delivery, the client's own CPU. */
    private static void putCost(Report report, String prefix, Step s) {
        if (s.serverCost() != null) {
            report.put(prefix + "cpu_us_per_delivery", s.serverCost().cpuMicrosPer(s.delivered()))
                    .put(prefix + "syscw_per_delivery",
                            String.format(java.util.Locale.ROOT, "%.3f", s.serverCost().writeSyscallsPer(s.delivered())))
                    .put(prefix + "server_cores", s.serverCost().cores());
        }
        report.put(prefix + "client_cpu_pct", 100 * s.clientCost().cores())
                .put(prefix + "client_us_per_delivery", s.clientCost().cpuMicrosPer(s.delivered()))
                .put(prefix + "client_bound", s.clientBound() ? "yes" : "no");
    }

    private Step runStep(SubscriberGroup group, double rate, Duration duration) throws InterruptedException {
        int liveBefore = group.live();
        long eventsBefore = group.events;
        latency.getIntervalHistogram(); // reset
        ProcessCost.Sample serverBefore = server == null ? null : server.sample();
        ProcessCost.Sample clientBefore = client.sample();
        Publisher.Outcome out = publisher.run(rate, duration);
        long expected = out.sent() * liveBefore;
        // Let deliveries still in flight land; a late one counts with its real latency.
        Await.untilStalled(() -> group.events - eventsBefore >= expected, () -> group.events, 1_000, 5_000);
        // The step's cost runs until its deliveries landed, so late writes are charged to it.
        ProcessCost.Delta serverCost = server == null ? null : server.sample().since(serverBefore);
        ProcessCost.Delta clientCost = client.sample().since(clientBefore);
        long delivered = group.events - eventsBefore;
        int dropped = liveBefore - group.live();
        Histogram h = latency.getIntervalHistogram();
        String error = null;
        if (out.failed() > 0) {
            error = out.failed() + " failed posts (" + out.firstFailure() + ")";
        } else if (dropped > 0) {
            error = dropped + " subscribers dropped";
        } else if (delivered < expected * 0.999) {
            error = "lost " + (expected - delivered) + " of " + expected + " deliveries";
        } else if (out.achievedPerSecond() < rate * 0.9) {
            error = String.format(java.util.Locale.ROOT, "publisher reached %.0f/s of %.0f/s", out.achievedPerSecond(), rate);
        }
        return new Step(rate, out, expected, delivered, dropped, h, error, ms(h, 99) <= p99BoundMillis, serverCost,
                clientCost);
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
