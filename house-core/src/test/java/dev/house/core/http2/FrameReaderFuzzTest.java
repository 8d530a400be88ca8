package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link FrameReader} with Jazzer. Whatever the bytes and however they
 * are split, the reader may only report frames or an {@link Http2Exception} with a short printable
 * message; it must never throw anything else, loop, or answer differently for a different split.
 *
 * <p>The first input byte picks the frame size limit (the minimum or a tiny one, so the limit path
 * is reachable) and seeds the split points. Without {@code JAZZER_FUZZ=1} this runs the committed
 * seeds under {@code FrameReaderFuzzTestInputs/readArbitraryBytes}; see FUZZING.md.
 */
class FrameReaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // real fuzzing runs its 10 minutes; the default would stop it at 5
    void readArbitraryBytes(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int control = data[0] & 0xff;
        int maxFrameSize = (control & 1) == 0 ? Http2Settings.MIN_MAX_FRAME_SIZE : 16;
        byte[] input = Arrays.copyOfRange(data, 1, data.length);

        List<String> whole = FrameFeeding.feed(maxFrameSize, List.of(input));
        List<String> pieces = FrameFeeding.feed(maxFrameSize, FrameFeeding.randomPieces(input, control >> 1));
        int at = (control * 31) % (input.length + 1);
        List<String> halves = FrameFeeding.feed(maxFrameSize,
                List.of(Arrays.copyOfRange(input, 0, at), Arrays.copyOfRange(input, at, input.length)));

        for (String line : whole) {
            if (line.startsWith("CONNECTION ") || line.startsWith("STREAM ")) {
                String message = line.substring(line.indexOf(": ") + 2);
                assertThat(message).isNotBlank().hasSizeLessThanOrEqualTo(120);
                assertThat(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("printable: %s", message).isTrue();
            }
        }
        assertThat(pieces).as("random pieces").isEqualTo(whole);
        assertThat(halves).as("two halves").isEqualTo(whole);
    }
}
