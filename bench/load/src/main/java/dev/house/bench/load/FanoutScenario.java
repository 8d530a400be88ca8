package dev.house.bench.load;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * S2: N subscribers on one room; the publish rate rises step by step until the p99
 * publish-to-receive latency passes the bound or errors appear (failed posts, lost or late
 * deliveries, dropped subscribers, a publisher that cannot reach the rate). Reports the highest
 * deliveries/s of a passing step.
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

    FanoutScenario(SubscriberPool pool, Publisher publisher, Recorder latency, Options o) {
        this.pool = pool;
        this.publisher = publisher;
        this.latency = latency;
        this.subscribers = o.integer("subscribers", 1000);
        this.step = Duration.ofMillis((long) (o.decimal("step-seconds", 5) * 1000));
        this.growth = o.decimal("growth", 1.5);
        this.p99BoundMillis = o.decimal("p99-bound-ms", 100);
        this.maxSteps = o.integer("max-steps", 30);
    }

    /** One step's outcome. */
    record Step(double targetRate, Publisher.Outcome published, long expected, long delivered, int dropped,
                Histogram latency, boolean passed, String why) {
        double deliveriesPerSecond(Duration step) {
            return delivered / (step.toNanos() / 1e9);
        }
    }

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
        double rate = Math.max(1, 5_000.0 / subscribers);
        // Warm-up at the starting rate, not measured.
        runStep(group, rate, step);
        Step best = null;
        Step last = null;
        for (int i = 0; i < maxSteps; i++) {
            last = runStep(group, rate, step);
            Report.progress("  %s rate=%.1f/s sent=%d failed=%d delivered=%d/%d p50=%.1fms p99=%.1fms -> %s",
                    "step", rate, last.published().sent(), last.published().failed(), last.delivered(),
                    last.expected(), ms(last.latency(), 50), ms(last.latency(), 99),
                    last.passed() ? "pass" : "FAIL (" + last.why() + ")");
            if (!last.passed()) {
                break;
            }
            best = last;
            rate *= growth;
        }
        if (best == null) {
            report.put("deliveries_per_s", 0).put("error", "first step failed: " + last.why());
        } else {
            report.put("deliveries_per_s", (long) best.deliveriesPerSecond(step))
                    .put("publish_per_s", best.published().achievedPerSecond())
                    .put("p50_ms", ms(best.latency(), 50))
                    .put("p99_ms", ms(best.latency(), 99))
                    .put("limit", last.passed() ? "max-steps" : last.why());
        }
        report.print();
    }

    private Step runStep(SubscriberGroup group, double rate, Duration duration) throws InterruptedException {
        int liveBefore = group.live();
        long eventsBefore = group.events;
        latency.getIntervalHistogram(); // reset
        Publisher.Outcome out = publisher.run(rate, duration);
        long expected = out.sent() * liveBefore;
        // Let deliveries still in flight land; a late one counts with its real latency.
        Await.untilStalled(() -> group.events - eventsBefore >= expected, () -> group.events, 1_000, 5_000);
        long delivered = group.events - eventsBefore;
        int dropped = liveBefore - group.live();
        Histogram h = latency.getIntervalHistogram();
        String why = null;
        if (out.failed() > 0) {
            why = out.failed() + " failed posts (" + out.firstFailure() + ")";
        } else if (dropped > 0) {
            why = dropped + " subscribers dropped";
        } else if (delivered < expected * 0.999) {
            why = "lost " + (expected - delivered) + " of " + expected + " deliveries";
        } else if (out.achievedPerSecond() < rate * 0.9) {
            why = String.format(java.util.Locale.ROOT, "publisher reached %.0f/s of %.0f/s", out.achievedPerSecond(), rate);
        } else if (ms(h, 99) > p99BoundMillis) {
            why = String.format(java.util.Locale.ROOT, "p99 %.0f ms over %.0f ms", ms(h, 99), p99BoundMillis);
        }
        return new Step(rate, out, expected, delivered, dropped, h, why == null, why);
    }

    static double ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
    }
}
