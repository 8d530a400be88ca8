package dev.house.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCostTest {
    @Test
    void cpuTicksAreUtimePlusStimeCountedFromTheLastParenthesis() {
        // a command name with a space and a parenthesis must not shift the fields
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 30 0 100 0 0";
        assertThat(ProcessCost.cpuTicks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void writeSyscallsAreTheSyscwLine() {
        String io = "rchar: 10\nwchar: 20\nsyscr: 3\nsyscw: 77\nread_bytes: 0\nwrite_bytes: 0\n";
        assertThat(ProcessCost.writeSyscalls(io)).isEqualTo(77);
        assertThatThrownBy(() -> ProcessCost.writeSyscalls("rchar: 1\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsThisProcesssOwnWriteSyscallsAndCpuTime(@TempDir Path dir) throws Exception {
        ProcessCost self = ProcessCost.self();
        ProcessCost.Sample before = self.sample();
        try (FileOutputStream out = new FileOutputStream(dir.resolve("f").toFile())) {
            for (int i = 0; i < 200; i++) {
                out.write(i); // unbuffered: one write(2) each
            }
        }
        // 100 ms of this thread's own CPU time, not of wall time: the machine may be shared
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long spinUntil = threads.getCurrentThreadCpuTime() + 100_000_000;
        long x = 0;
        while (threads.getCurrentThreadCpuTime() < spinUntil) {
            x += System.nanoTime() & 1;
        }
        ProcessCost.Delta d = self.sample().since(before);

        assertThat(x).isNotNegative();
        assertThat(d.writeSyscalls()).isGreaterThanOrEqualTo(200);
        assertThat(d.cpuNanos()).as("100 ms of spinning, counted in 10 ms ticks").isGreaterThanOrEqualTo(50_000_000);
        assertThat(d.cpuMicrosPer(1000)).isEqualTo(d.cpuNanos() / 1_000.0 / 1000);
        assertThat(d.writeSyscallsPer(0)).isZero();
    }

    @Test
    void idleDetectorEndsTheBusyPeriodWhereTheThreadsStoppedIgnoringAStrayWakeUpAfterIt() throws Exception {
        Deque<ProcessCost.Sample> samples = new ArrayDeque<>();
        for (int t = 10; t <= 100; t += 10) {
            samples.add(ms(t, t)); // busy: one tick per 10 ms sample
        }
        samples.addAll(List.of(ms(110, 100), ms(120, 100), ms(130, 100), ms(140, 102))); // a timer's wake-up
        for (int t = 150; t <= 400; t += 10) {
            samples.add(ms(t, 102));
        }
        ProcessCost.Sample end = BurstScenario.IdleDetector.lastMove(samples::poll, ms(0, 0), 100_000_000L,
                3_000_000L, 10_000_000_000L, () -> { });
        assertThat(end).isEqualTo(ms(100, 100));
        assertThat(samples.peek()).as("decided after one quiet window, not later").isEqualTo(ms(210, 102));
    }

    @Test
    void idleDetectorDoesNotTakeAServerWaitingForACpuForAnIdleOne() throws Exception {
        Deque<ProcessCost.Sample> samples = new ArrayDeque<>();
        for (int t = 10; t <= 1000; t += 10) {
            // CPU time (10 ms ticks) stands still from 100 ms on, but the threads wait on the run queue
            samples.add(new ProcessCost.Sample(t * 1_000_000L, Math.min(t, 100) * 1_000_000L, 0, t * 1_000_000L));
        }
        samples.add(new ProcessCost.Sample(1_010_000_000L, 100_000_000L, 0, 1_000_000_000L)); // then truly idle
        for (int t = 1020; t <= 1300; t += 10) {
            samples.add(new ProcessCost.Sample(t * 1_000_000L, 100_000_000L, 0, 1_000_000_000L));
        }
        ProcessCost.Sample end = BurstScenario.IdleDetector.lastMove(samples::poll, ms(0, 0), 100_000_000L,
                3_000_000L, 10_000_000_000L, () -> { });
        assertThat(end.atNanos()).isEqualTo(1_000_000_000L);
    }

    @Test
    void idleDetectorGivesUpAtTheTimeoutWithTheLastSample() throws Exception {
        Deque<ProcessCost.Sample> samples = new ArrayDeque<>();
        for (int t = 10; t <= 200; t += 10) {
            samples.add(ms(t, t)); // never idle
        }
        ProcessCost.Sample end = BurstScenario.IdleDetector.lastMove(samples::poll, ms(0, 0), 50_000_000L,
                3_000_000L, 100_000_000L, () -> { });
        assertThat(end).isEqualTo(ms(100, 100));
    }

    /** A sample at {@code at} ms whose threads ran (and CPU time counted) {@code busy} ms so far. */
    private static ProcessCost.Sample ms(long at, long busy) {
        return new ProcessCost.Sample(at * 1_000_000, busy * 1_000_000, 0, busy * 1_000_000);
    }

    @Test
    void scheduledTimeIsRunTimePlusRunQueueWait() {
        assertThat(ProcessCost.scheduledNanos("208347932 1407938616 375\n")).isEqualTo(208347932L + 1407938616L);
    }

    @Test
    void activityGrowsWithWorkAndDoesNotFallWhenABusyThreadExits() throws Exception {
        ProcessCost self = ProcessCost.self();
        long first = self.sampleActivity().scheduledNanos();
        Thread busy = new Thread(() -> {
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long until = threads.getCurrentThreadCpuTime() + 50_000_000;
            while (threads.getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
        });
        busy.start();
        Thread.sleep(20);
        long whileBusy = self.sampleActivity().scheduledNanos();
        busy.join();
        long afterExit = self.sampleActivity().scheduledNanos();

        assertThat(whileBusy).isGreaterThan(first);
        // summing the live threads' schedstat would drop by the exited thread's ~50 ms here
        assertThat(afterExit).isGreaterThanOrEqualTo(whileBusy);
        assertThat(afterExit - first).isGreaterThanOrEqualTo(50_000_000);
    }
}
