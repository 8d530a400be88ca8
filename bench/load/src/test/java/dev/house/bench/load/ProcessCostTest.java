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
    void idleDetectorEndsTheBusyPeriodWhereTheCpuStoppedIgnoringAStrayTickAfterIt() throws Exception {
        Deque<ProcessCost.Sample> samples = new ArrayDeque<>();
        for (int t = 10; t <= 100; t += 10) {
            samples.add(ms(t, t)); // busy: one tick per 10 ms sample
        }
        samples.addAll(List.of(ms(110, 100), ms(120, 100), ms(130, 100), ms(140, 110))); // a timer's tick
        for (int t = 150; t <= 400; t += 10) {
            samples.add(ms(t, 110));
        }
        ProcessCost.Sample end = BurstScenario.IdleDetector.lastMove(samples::poll, ms(0, 0), 100_000_000L,
                10_000_000_000L, () -> { });
        assertThat(end).isEqualTo(ms(100, 100));
        assertThat(samples.peek()).as("decided after one quiet window, not later").isEqualTo(ms(210, 110));
    }

    @Test
    void idleDetectorGivesUpAtTheTimeoutWithTheLastSample() throws Exception {
        Deque<ProcessCost.Sample> samples = new ArrayDeque<>();
        for (int t = 10; t <= 200; t += 10) {
            samples.add(ms(t, t)); // never idle
        }
        ProcessCost.Sample end = BurstScenario.IdleDetector.lastMove(samples::poll, ms(0, 0), 50_000_000L,
                100_000_000L, () -> { });
        assertThat(end).isEqualTo(ms(100, 100));
    }

    /** A sample at {@code at} ms with {@code cpu} ms of CPU time. */
    private static ProcessCost.Sample ms(long at, long cpu) {
        return new ProcessCost.Sample(at * 1_000_000, cpu * 1_000_000, 0);
    }
}
