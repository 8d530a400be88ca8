package dev.house.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text ({@code a=1&b=x+y}), used for query
 * strings and form bodies: {@code +} is a space, escapes are UTF-8, repeated names keep every
 * value in order. One pass over the text: each {@code &}-separated pair is scanned for its
 * {@code =} only up to its own end, so no shape of input ({@code a&a&a...}) makes it quadratic.
 */
public final class FormDecoder {
    private FormDecoder() {
    }

    /**
     * Decodes without a limit on the number of parameters.
     *
     * @param what names the source in error messages ("query string", "form body")
     * @throws HttpException 400 on invalid percent-encoding or UTF-8
     */
    public static Map<String, List<String>> decode(String encoded, String what) {
        return decode(encoded, what, Integer.MAX_VALUE);
    }

    /**
     * @param what names the source in error messages ("query string", "form body")
     * @param maxParameters pairs past which decoding stops with 400 (empty pairs between
     *        {@code &&} do not count)
     * @throws HttpException 400 on invalid percent-encoding or UTF-8, naming the parameter, or
     *         when there are more than {@code maxParameters} parameters
     */
    public static Map<String, List<String>> decode(String encoded, String what, int maxParameters) {
        return decode(encoded, what, maxParameters, false);
    }

    /**
     * @param bytesAsChars whether {@code encoded} is a UTF-8 body read as ISO-8859-1, one char
     *        per byte, so that its raw non-ASCII bytes are validated as UTF-8 per parameter
     */
    static Map<String, List<String>> decode(String encoded, String what, int maxParameters, boolean bytesAsChars) {
        if (encoded == null || encoded.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        int len = encoded.length();
        int count = 0;
        int start = 0;
        while (start <= len) {
            int amp = encoded.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            if (end > start) {
                if (++count > maxParameters) {
                    throw HttpException.badRequest("More than " + maxParameters + " parameters in the " + what
                            + " (the max-parameter-count limit)");
                }
                int eq = BodyText.indexOf(encoded, '=', start, end);
                String name;
                String value;
                if (eq < 0) {
                    name = name(encoded, start, end, bytesAsChars, what);
                    value = "";
                } else {
                    name = name(encoded, start, eq, bytesAsChars, what);
                    value = PercentDecoder.decode(encoded, eq + 1, end, true, bytesAsChars, what, name);
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
        return frozen(params);
    }

    private static String name(String encoded, int from, int to, boolean bytesAsChars, String what) {
        try {
            return PercentDecoder.decode(encoded, from, to, true, bytesAsChars, what, null);
        } catch (HttpException e) {
            throw HttpException.badRequest(e.getMessage() + " parameter name");
        }
    }

    private static Map<String, List<String>> frozen(Map<String, List<String>> params) {
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
