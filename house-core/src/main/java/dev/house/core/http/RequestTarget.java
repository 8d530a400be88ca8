package dev.house.core.http;

import java.util.List;
import java.util.Map;

/**
 * A request target split and decoded: origin-form ({@code /p?q}), absolute-form
 * ({@code http://host/p?q}) or asterisk-form ({@code *}, OPTIONS only). The path is
 * percent-decoded and normalised; a target that could leave the root ({@code ..}, encoded
 * {@code /} or {@code \}, NUL) is rejected with 400.
 */
public record RequestTarget(String path, String rawQuery, Map<String, List<String>> queryParameters,
                            String authority) {

    /**
     * Parses with the default {@link HttpLimits#DEFAULT_MAX_PARAMETER_COUNT parameter limit}.
     *
     * @throws HttpException 400 when the target is malformed or unsafe
     */
    public static RequestTarget parse(String target, HttpMethod method) {
        return parse(target, method, HttpLimits.DEFAULT_MAX_PARAMETER_COUNT);
    }

    /**
     * @param maxParameterCount query parameters past which the target is refused
     * @throws HttpException 400 when the target is malformed or unsafe, or has too many parameters
     */
    public static RequestTarget parse(String target, HttpMethod method, int maxParameterCount) {
        if (target.isEmpty()) {
            throw HttpException.badRequest("Empty request target");
        }
        if (target.equals("*")) {
            if (method != HttpMethod.OPTIONS) {
                throw HttpException.badRequest("Asterisk-form target is only allowed with OPTIONS");
            }
            return new RequestTarget("*", null, Map.of(), null);
        }
        String authority = null;
        int pathStart = 0;
        if (target.charAt(0) != '/') {
            int scheme = target.indexOf("://");
            if (scheme <= 0 || !isScheme(target.substring(0, scheme))) {
                throw HttpException.badRequest("Request target must be origin-form or absolute-form");
            }
            int authStart = scheme + 3;
            int slash = indexOfAny(target, authStart, "/?#");
            int authEnd = slash < 0 ? target.length() : slash;
            authority = target.substring(authStart, authEnd);
            if (authority.isEmpty()) {
                throw HttpException.badRequest("Absolute-form target has no host");
            }
            pathStart = authEnd;
        }
        int hash = target.indexOf('#', pathStart);
        if (hash >= 0) {
            throw HttpException.badRequest("Request target must not contain a fragment");
        }
        int q = target.indexOf('?', pathStart);
        int pathEnd = q < 0 ? target.length() : q;
        String path = pathStart == pathEnd ? "/" : normalise(target, pathStart, pathEnd);
        String rawQuery = q < 0 ? null : target.substring(q + 1);
        Map<String, List<String>> query = FormDecoder.decode(rawQuery, "query string", maxParameterCount);
        return new RequestTarget(path, rawQuery, query, authority);
    }

    private static boolean isScheme(String s) {
        return s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https");
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Decodes each segment separately (so an encoded {@code /} cannot create a segment), drops
     * empty and {@code .} segments and refuses {@code ..}.
     */
    private static String normalise(String target, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int start = from;
        boolean trailingSlash = target.charAt(to - 1) == '/';
        while (start < to) {
            int slash = target.indexOf('/', start);
            int end = slash < 0 || slash > to ? to : slash;
            if (end > start) {
                String segment = PercentDecoder.decode(target, start, end, false, "path");
                if (segment.equals("..")) {
                    throw HttpException.badRequest("Path must not contain '..' segments");
                }
                for (int i = 0; i < segment.length(); i++) {
                    char c = segment.charAt(i);
                    if (c == '/' || c == '\\') {
                        throw HttpException.badRequest("Path must not contain '\\' or an encoded '/'");
                    }
                    if (c < 0x20 || c == 0x7f) {
                        throw HttpException.badRequest("Path must not contain control characters");
                    }
                }
                if (!segment.equals(".")) {
                    out.append('/').append(segment);
                }
            }
            start = end + 1;
        }
        if (out.length() == 0 || trailingSlash) {
            out.append('/');
        }
        return out.toString();
    }
}
