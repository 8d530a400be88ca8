package dev.house.core.handler.param;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why one parameter was rejected: its name, a machine-readable reason, a human-readable message
 * (which never contains the received value) and details such as the expected type or the
 * violated bounds. Rendered as one entry of the problem body's {@code errors} array.
 *
 * @param reason one of {@code missing}, {@code type}, {@code restriction}, {@code repeated},
 *               {@code conflict}, {@code dependency}
 */
public record ParamError(String name, String reason, String message, Map<String, Object> details) {
    public static final String MISSING = "missing";
    public static final String TYPE = "type";
    public static final String RESTRICTION = "restriction";
    public static final String REPEATED = "repeated";
    public static final String CONFLICT = "conflict";
    public static final String DEPENDENCY = "dependency";

    public ParamError {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    static ParamError missing(String name) {
        return new ParamError(name, MISSING, "is required", Map.of());
    }

    static ParamError type(String name, ParamType<?> type, String prefix) {
        return new ParamError(name, TYPE, prefix + "must be " + type.description(), Map.of("expected", type.name()));
    }

    static ParamError restriction(String name, Restriction<?> r) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("restriction", r.kind());
        details.putAll(r.bounds());
        return new ParamError(name, RESTRICTION, r.message(), details);
    }

    static ParamError repeated(String name, int count) {
        return new ParamError(name, REPEATED, "must be given once but was given " + count + " times", Map.of());
    }

    static ParamError conflict(String name, Source first, Source second) {
        return new ParamError(name, CONFLICT, "has different values in the " + where(first) + " and the "
                + where(second), Map.of("sources", java.util.List.of(first.name().toLowerCase(java.util.Locale.ROOT),
                second.name().toLowerCase(java.util.Locale.ROOT))));
    }

    static ParamError dependency(String name, String on) {
        return new ParamError(name, DEPENDENCY, "cannot be checked because parameter '" + on + "' is invalid",
                Map.of("dependsOn", on));
    }

    private static String where(Source s) {
        switch (s) {
            case PATH:
                return "path";
            case BODY:
                return "body";
            default:
                return "query string";
        }
    }
}
