package dev.house.core.files;

/**
 * Entity tags for static files, derived from size and modification time rather than content so
 * producing one costs no read. Weak, because two versions written within the same millisecond
 * with the same size would share a tag.
 */
final class EntityTag {
    private EntityTag() {
    }

    static String of(StaticResource file) {
        return "W/\"" + Long.toHexString(file.length()) + "-" + Long.toHexString(file.lastModified()) + "\"";
    }

    /**
     * Whether an {@code If-None-Match} value (a list of tags, or {@code *}) matches {@code etag}
     * by weak comparison, which RFC 9110 section 13.1.2 prescribes for this header.
     */
    static boolean matchesAny(String ifNoneMatch, String etag) {
        String opaque = opaque(etag);
        int len = ifNoneMatch.length();
        int i = 0;
        while (i < len) {
            char c = ifNoneMatch.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
                continue;
            }
            if (c == '*') {
                return true;
            }
            int start = i;
            if (ifNoneMatch.startsWith("W/", i)) {
                i += 2;
            }
            if (i >= len || ifNoneMatch.charAt(i) != '"') {
                return false; // malformed list: treat as no match, the full response is always safe
            }
            int close = ifNoneMatch.indexOf('"', i + 1);
            if (close < 0) {
                return false;
            }
            if (opaque(ifNoneMatch.substring(start, close + 1)).equals(opaque)) {
                return true;
            }
            i = close + 1;
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
