package dev.house.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text ({@code a=1&b=x+y}), used for query
 * strings and form bodies: {@code +} is a space, escapes are UTF-8, repeated names keep every
 * value in order.
 */
public final class FormDecoder {
    private FormDecoder() {
    }

    /**
     * @param what names the source in error messages ("query string", "form body")
     * @throws HttpException 400 on invalid percent-encoding or UTF-8
     */
    public static Map<String, List<String>> decode(String encoded, String what) {
        if (encoded == null || encoded.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        int len = encoded.length();
        int start = 0;
        while (start <= len) {
            int amp = encoded.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            if (end > start) {
                int eq = encoded.indexOf('=', start);
                String name;
                String value;
                if (eq < 0 || eq > end) {
                    name = PercentDecoder.decode(encoded, start, end, true, what);
                    value = "";
                } else {
                    name = PercentDecoder.decode(encoded, start, eq, true, what);
                    value = PercentDecoder.decode(encoded, eq + 1, end, true, what);
                }
                if (!name.isEmpty()) {
                    params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        // Compact immutable copies: requests can live as long as a stream, so their size counts.
        if (params.size() == 1) {
            Map.Entry<String, List<String>> only = params.entrySet().iterator().next();
            return Map.of(only.getKey(), List.copyOf(only.getValue()));
        }
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            e.setValue(List.copyOf(e.getValue()));
        }
        return Collections.unmodifiableMap(params);
    }
}
