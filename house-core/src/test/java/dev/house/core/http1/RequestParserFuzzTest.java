package dev.house.core.http1;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpLimits;
import dev.house.core.http.Request;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link RequestParser} with Jazzer. Whatever the bytes and however
 * they are split, the parser may only answer NEED_MORE, HEAD, COMPLETE or a 4xx/5xx
 * {@link HttpError} with a short printable message; it must never throw, loop, leave bytes
 * unconsumed on NEED_MORE, or answer differently for a different split.
 *
 * <p>The first input byte picks the limits (defaults or tiny ones, so limit paths are reachable)
 * and seeds the split points; the rest is the byte stream. Without {@code JAZZER_FUZZ=1} this runs
 * the committed seeds under {@code RequestParserFuzzTestInputs/parseArbitraryBytes} as a
 * regression test; see FUZZING.md for real fuzzing.
 */
class RequestParserFuzzTest {
    private static final HttpLimits TINY = new HttpLimits(32, 96, 4, 64);

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // real fuzzing runs its 10 minutes; the default would stop it at 5
    void parseArbitraryBytes(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int control = data[0] & 0xff;
        HttpLimits limits = (control & 1) == 0 ? HttpLimits.defaults() : TINY;
        byte[] input = Arrays.copyOfRange(data, 1, data.length);

        ParserFeeding.Outcome whole = ParserFeeding.feed(limits, List.of(input));
        ParserFeeding.Outcome pieces = ParserFeeding.randomPieces(limits, input, control >> 1);
        ParserFeeding.Outcome halves = ParserFeeding.splitAt(limits, input, (control * 31) % (input.length + 1));

        checkSane(whole, limits);
        assertThat(pieces.trace()).as("random pieces").isEqualTo(whole.trace());
        assertThat(halves.trace()).as("two halves").isEqualTo(whole.trace());
    }

    private static void checkSane(ParserFeeding.Outcome out, HttpLimits limits) {
        if (out.error != null) {
            int code = out.error.status().code();
            assertThat(code).isBetween(400, 599);
            String message = out.error.message();
            assertThat(message).isNotBlank().hasSizeLessThanOrEqualTo(100);
            assertThat(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).as("printable: %s", message).isTrue();
        }
        for (Request request : out.requests) {
            assertThat(request.path()).isNotNull();
            assertThat((long) request.body().length).isLessThanOrEqualTo(limits.maxBodySize());
            // +1: an absolute-form authority adds Host to an HTTP/1.0 request that had none.
            assertThat(request.headers().size()).isLessThanOrEqualTo(limits.maxHeaderCount() + 1);
        }
        assertThat(out.requests.size()).isLessThanOrEqualTo(out.heads.size());
    }
}
