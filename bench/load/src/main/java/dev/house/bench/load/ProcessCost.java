package dev.house.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one or more processes (a server, or the nodes of a cluster) have spent so far, read from
 * outside as the kernel counts it: CPU time from {@code /proc/PID/stat} (utime + stime, in clock
 * ticks) and write-type system calls from {@code /proc/PID/io} ({@code syscw}: write, writev,
 * sendmsg...). Two samples around a step give the step's cost, which does not depend on how fast
 * the load client happens to be, unlike deliveries per second.
 */
final class ProcessCost {
    /**
     * Linux reports utime/stime in USER_HZ, which is 100 on every mainstream architecture; asking
     * {@code getconf CLK_TCK} would fork a process for a constant.
     */
    static final long NANOS_PER_TICK = 10_000_000L;

    private final List<Long> pids;

    ProcessCost(List<Long> pids) {
        if (pids.isEmpty()) {
            throw new IllegalArgumentException("no process to measure");
        }
        this.pids = List.copyOf(pids);
    }

    /** The load client itself: its own CPU time, to tell a client limit from a server limit. */
    static ProcessCost self() {
        return new ProcessCost(List.of(ProcessHandle.current().pid()));
    }

    /**
     * The counters of all the processes together at one instant. {@code scheduledNanos} is what
     * {@link #sampleActivity} adds (0 from {@link #sample}): every thread's time on a CPU plus its
     * time waiting for one, in nanoseconds.
     */
    record Sample(long atNanos, long cpuNanos, long writeSyscalls, long scheduledNanos) {
        Sample(long atNanos, long cpuNanos, long writeSyscalls) {
            this(atNanos, cpuNanos, writeSyscalls, 0);
        }

        /** What happened between {@code earlier} and this sample. */
        Delta since(Sample earlier) {
            return new Delta(atNanos - earlier.atNanos, cpuNanos - earlier.cpuNanos, writeSyscalls - earlier.writeSyscalls);
        }
    }

    /** CPU time and write syscalls spent over a wall-clock interval. */
    record Delta(long wallNanos, long cpuNanos, long writeSyscalls) {
        /** Server CPU microseconds per delivery; 0 when nothing was delivered. */
        double cpuMicrosPer(long deliveries) {
            return deliveries == 0 ? 0 : cpuNanos / 1_000.0 / deliveries;
        }

        double writeSyscallsPer(long deliveries) {
            return deliveries == 0 ? 0 : (double) writeSyscalls / deliveries;
        }

        /** CPU time as a share of the wall-clock time, in cores (1.0 = one core busy throughout). */
        double cores() {
            return wallNanos == 0 ? 0 : (double) cpuNanos / wallNanos;
        }
    }

    Sample sample() {
        long cpu = 0;
        long syscw = 0;
        for (long pid : pids) {
            Path proc = Path.of("/proc", Long.toString(pid));
            try {
                cpu += cpuTicks(Files.readString(proc.resolve("stat"))) * NANOS_PER_TICK;
                syscw += writeSyscalls(Files.readString(proc.resolve("io")));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the counters of process " + pid, e);
            }
        }
        return new Sample(System.nanoTime(), cpu, syscw);
    }

    /** Each thread's last {@code schedstat} time, by "pid/tid", for {@link #sampleActivity}. */
    private final java.util.Map<String, Long> threadTimes = new java.util.HashMap<>();
    private long activity;

    /**
     * A sample that also tells a server that is idle from one that wants a CPU and does not get
     * one (on a shared machine both show CPU time standing still): {@code scheduledNanos} is what
     * every thread spent on a CPU or waiting for one ({@code /proc/PID/task/TID/schedstat} run
     * time plus run-queue wait) since the first call. It is summed per thread from each thread's
     * own growth, so a thread that exits (a JIT compiler thread, an idle pool worker) does not
     * take its past time out of the sum: it never decreases, and stands still only when no thread
     * runs or waits to run.
     */
    synchronized Sample sampleActivity() {
        Sample s = sample();
        boolean first = threadTimes.isEmpty();
        java.util.Set<String> alive = new java.util.HashSet<>();
        for (long pid : pids) {
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    String id = pid + "/" + task.getFileName();
                    long now;
                    try {
                        now = scheduledNanos(Files.readString(task.resolve("schedstat")));
                    } catch (IOException threadEnded) {
                        continue; // the thread exited between the listing and the read
                    }
                    alive.add(id);
                    Long before = threadTimes.put(id, now);
                    if (!first) {
                        activity += before == null ? now : Math.max(0, now - before); // a new thread ran since the last call
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the threads of process " + pid, e);
            }
        }
        threadTimes.keySet().retainAll(alive);
        return new Sample(s.atNanos(), s.cpuNanos(), s.writeSyscalls(), activity);
    }

    /** Run time plus run-queue wait, the first two fields of a {@code schedstat} line. */
    static long scheduledNanos(String schedstat) {
        String[] f = schedstat.trim().split("\\s+");
        return Long.parseLong(f[0]) + Long.parseLong(f[1]);
    }

    /**
     * utime + stime (fields 14 and 15) of a {@code /proc/PID/stat} line. The command name (field 2)
     * is in parentheses and may itself hold spaces or parentheses, so fields are counted from the
     * last ')'.
     */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3]
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }

    /** The {@code syscw} line of {@code /proc/PID/io}. */
    static long writeSyscalls(String io) {
        for (String line : io.split("\n")) {
            if (line.startsWith("syscw:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        throw new IllegalArgumentException("no syscw in /proc/PID/io: " + io);
    }
}
