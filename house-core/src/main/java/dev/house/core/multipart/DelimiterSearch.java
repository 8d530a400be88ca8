package dev.house.core.multipart;

/**
 * Finds a fixed byte pattern (the {@code CRLF--boundary} delimiter) in a byte array with
 * Boyer-Moore-Horspool: a part's content is skipped up to the pattern length at a time instead
 * of being compared byte by byte, and a hostile body cannot make the search quadratic in
 * anything but the (at most 74-byte) pattern.
 */
final class DelimiterSearch {
    private final byte[] pattern;
    private final int[] shift = new int[256];

    DelimiterSearch(byte[] pattern) {
        this.pattern = pattern;
        int m = pattern.length;
        java.util.Arrays.fill(shift, m);
        for (int i = 0; i < m - 1; i++) {
            shift[pattern[i] & 0xff] = m - 1 - i;
        }
    }

    int length() {
        return pattern.length;
    }

    /** The index of the first occurrence in {@code data[from, to)}, or -1. */
    int indexOf(byte[] data, int from, int to) {
        int m = pattern.length;
        int last = m - 1;
        int i = from;
        while (i <= to - m) {
            byte b = data[i + last];
            if (b == pattern[last]) {
                int j = last - 1;
                while (j >= 0 && data[i + j] == pattern[j]) {
                    j--;
                }
                if (j < 0) {
                    return i;
                }
            }
            i += shift[b & 0xff];
        }
        return -1;
    }

}
