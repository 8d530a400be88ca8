package dev.house.core.files;

import java.nio.file.Path;

/** Checks on relative paths of static files: which are servable and which are hidden. */
final class StaticPaths {
    private StaticPaths() {
    }

    /**
     * Whether {@code relative} (segments separated by {@code /}, possibly ending in {@code /})
     * may be looked up: no empty segment, no segment starting with {@code .} (dotfiles, dot
     * directories, {@code .} and {@code ..}), no backslash, colon or control character.
     */
    static boolean isServable(String relative) {
        int len = relative.length();
        int segmentStart = 0;
        for (int i = 0; i <= len; i++) {
            if (i == len || relative.charAt(i) == '/') {
                if (i == segmentStart && i != len) {
                    return false;
                }
                segmentStart = i + 1;
                continue;
            }
            char c = relative.charAt(i);
            if ((i == segmentStart && c == '.') || c == '\\' || c == ':' || c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Whether any name in {@code relative} starts with a dot. */
    static boolean hasHiddenSegment(Path relative) {
        for (Path name : relative) {
            if (name.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
