package dev.house.core.multipart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DelimiterSearchTest {
    private static int naive(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void findsTheSameOccurrencesAsANaiveSearch() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] pattern = new byte[1 + random.nextInt(6)];
            byte[] data = new byte[random.nextInt(200)];
            // A tiny alphabet makes partial matches and overlaps common.
            for (int i = 0; i < pattern.length; i++) {
                pattern[i] = (byte) ('a' + random.nextInt(3));
            }
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) ('a' + random.nextInt(3));
            }
            int from = data.length == 0 ? 0 : random.nextInt(data.length);

            assertThat(new DelimiterSearch(pattern).indexOf(data, from, data.length))
                    .as("round %d", round)
                    .isEqualTo(naive(data, pattern, from));
        }
    }

    @Test
    void handlesBytesAbove127() {
        byte[] pattern = {(byte) 0xff, (byte) 0x80, 13, 10};
        byte[] data = {1, (byte) 0xff, (byte) 0xff, (byte) 0x80, 13, 10, 2};
        assertThat(new DelimiterSearch(pattern).indexOf(data, 0, data.length)).isEqualTo(2);
    }
}
