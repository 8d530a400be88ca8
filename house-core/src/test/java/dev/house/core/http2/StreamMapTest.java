package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The connection's map of streams by id, checked against {@link HashMap} on the same operations. */
class StreamMapTest {

    @Test
    void randomPutsAndRemovesAgreeWithAHashMap() {
        for (long seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            StreamMap<String> map = new StreamMap<>();
            Map<Integer, String> expected = new HashMap<>();
            // Few distinct ids, so the table fills, collides, grows and shifts entries back on removal.
            int ids = 1 + random.nextInt(300);
            for (int op = 0; op < 5_000; op++) {
                int id = 1 + 2 * random.nextInt(ids);
                switch (random.nextInt(4)) {
                    case 0, 1 -> {
                        String value = "v" + op;
                        map.put(id, value);
                        expected.put(id, value);
                    }
                    case 2 -> assertThat(map.remove(id)).isEqualTo(expected.remove(id));
                    default -> {
                        String value = expected.get(id);
                        assertThat(map.remove(id, "other")).isFalse();
                        assertThat(map.remove(id, value)).isEqualTo(value != null);
                        expected.remove(id);
                    }
                }
                assertThat(map.size()).isEqualTo(expected.size());
            }
            for (int id = 1; id < 2 * ids + 2; id++) {
                assertThat(map.get(id)).as("seed %d id %d", seed, id).isEqualTo(expected.get(id));
            }
            assertThat(map.snapshot()).containsExactlyInAnyOrderElementsOf(expected.values());
        }
    }

    @Test
    void idsSpacedByAPowerOfTwoStillFindTheirEntries() {
        StreamMap<Integer> map = new StreamMap<>();
        for (int i = 0; i < 128; i++) {
            map.put(1 + i * 1024, i);
        }
        for (int i = 0; i < 128; i += 2) {
            map.remove(1 + i * 1024);
        }
        for (int i = 0; i < 128; i++) {
            assertThat(map.get(1 + i * 1024)).isEqualTo(i % 2 == 0 ? null : i);
        }
        assertThat(map.size()).isEqualTo(64);
    }

    @Test
    void iteratingWhileTheMapChangesFailsLikeAHashMap() {
        StreamMap<String> map = new StreamMap<>();
        map.put(1, "a");
        map.put(3, "b");
        Iterator<String> it = map.iterator();
        it.next();
        map.remove(3);
        assertThatThrownBy(it::next).isInstanceOf(ConcurrentModificationException.class);
    }

    @Test
    void anIdThatIsNotAStreamIdIsRefused() {
        assertThatThrownBy(() -> new StreamMap<String>().put(0, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
