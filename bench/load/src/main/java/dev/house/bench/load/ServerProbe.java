package dev.house.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Reads a server process's memory from outside, as an operator would: heap from {@code jstat -gc}
 * (after a full GC via {@code jcmd GC.run} when asked), resident set size from
 * {@code /proc/<pid>/status}. The tools come from the JDK running the server, so they can attach to it.
 */
final class ServerProbe {
    private final long pid;
    private final Path jdkBin;

    ServerProbe(long pid, Path jdkBin) {
        this.pid = pid;
        this.jdkBin = jdkBin;
    }

    /** Live heap: used bytes right after a full collection. */
    long heapAfterGc() {
        run("jcmd", Long.toString(pid), "GC.run");
        return heapUsed();
    }

    /** Used heap bytes now (young and old generations together). */
    private long heapUsed() {
        List<String> lines = run("jstat", "-gc", Long.toString(pid)).lines().filter(l -> !l.isBlank()).toList();
        return usedBytes(lines.get(0), lines.get(1));
    }

    /**
     * Samples the used heap every second with one long-running {@code jstat} (one JVM start, not
     * one per sample, to disturb the measured server as little as possible); stop it with
     * {@link Process#destroy()}.
     */
    Process sampleHeapEverySecond(LongConsumer usedBytes) {
        try {
            Process p = new ProcessBuilder(jdkBin.resolve("jstat").toString(), "-gc", Long.toString(pid), "1000")
                    .redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String header = in.readLine();
                    for (String line; (line = in.readLine()) != null; ) {
                        if (!line.isBlank() && !line.trim().startsWith("S0C")) {
                            usedBytes.accept(usedBytes(header, line));
                        }
                    }
                } catch (IOException | RuntimeException ended) {
                    // the sampler was stopped
                }
            }, "heap-sampler");
            reader.setDaemon(true);
            reader.start();
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long usedBytes(String header, String row) {
        String[] names = header.trim().split("\\s+");
        String[] values = row.trim().split("\\s+");
        double kib = 0;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals("S0U") || names[i].equals("S1U") || names[i].equals("EU") || names[i].equals("OU")) {
                kib += Double.parseDouble(values[i]);
            }
        }
        return (long) (kib * 1024);
    }

    /** The top {@code lines} of the server's live-object histogram (forces a full GC), for finding what a connection costs. */
    String classHistogram(int lines) {
        return run("jcmd", Long.toString(pid), "GC.class_histogram").lines().limit(lines + 3L)
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** Resident set size in bytes. */
    long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("no VmRSS for process " + pid);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String run(String tool, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = jdkBin.resolve(tool).toString();
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(tool + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
