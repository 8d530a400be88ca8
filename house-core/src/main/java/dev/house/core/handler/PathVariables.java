package dev.house.core.handler;

import dev.house.core.http.Request;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values the {@link Router} matched for a route's path variables ({@code {room}},
 * {@code {*path}}), decoded. Typed handlers receive them as parameters; plain handlers read them
 * with {@link #of(Request)}.
 */
public final class PathVariables {
    /** The request attribute under which the router stores the matched variables. */
    public static final String ATTRIBUTE = PathVariables.class.getName();

    private static final PathVariables NONE = new PathVariables(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;

    PathVariables(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** The variables matched for {@code request}; empty when its route has none. */
    public static PathVariables of(Request request) {
        Object v = request.attribute(ATTRIBUTE);
        return v instanceof PathVariables ? (PathVariables) v : NONE;
    }

    /** The value of the variable {@code name}, or {@code null} when the route has no such variable. */
    public String get(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        return null;
    }

    /** Every variable by name, in template order. */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
