package dev.house.bench.load;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's outcome as a single {@code RESULT key=value ...} line on stdout, which
 * bench/run.sh turns into table rows; progress for humans goes to stderr.
 */
final class Report {
    private final Map<String, String> fields = new LinkedHashMap<>();

    Report(String scenario, String server) {
        put("scenario", scenario);
        put("server", server);
    }

    Report put(String key, Object value) {
        String text = value instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : String.valueOf(value);
        fields.put(key, text.replace(' ', '_'));
        return this;
    }

    /** A field as it will be printed, or null. */
    String field(String key) {
        return fields.get(key);
    }

    void print() {
        StringBuilder line = new StringBuilder("RESULT");
        fields.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        System.out.flush();
    }

    static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }

    static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
