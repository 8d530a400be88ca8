package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of {@link HpackDecoder} with Jazzer. Any block either decodes or fails
 * with a connection COMPRESSION_ERROR carrying a short printable message; the decoded list never
 * passes the limit, the table never passes its size; and what decoded re-encodes (with our
 * encoder, Huffman on or off) to a block that decodes to the same fields.
 *
 * <p>The first input byte picks the table size and header-list limit (defaults or tiny ones) and
 * the encoder's Huffman choice, and where the rest is cut into two blocks decoded one after the
 * other, so table state carried between blocks is exercised. Without {@code JAZZER_FUZZ=1} this
 * runs the committed seeds under {@code HpackDecoderFuzzTestInputs/decodeArbitraryBlocks}; see
 * FUZZING.md.
 */
class HpackDecoderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // real fuzzing runs its 10 minutes; the default would stop it at 5
    void decodeArbitraryBlocks(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int control = data[0] & 0xff;
        boolean tiny = (control & 1) != 0;
        int tableSize = tiny ? 64 : 4096;
        int maxList = tiny ? 128 : 16_384;
        byte[] input = Arrays.copyOfRange(data, 1, data.length);
        int at = ((control >> 2) * 7) % (input.length + 1);
        HpackDecoder decoder = new HpackDecoder(tableSize, maxList);
        HpackEncoder encoder = new HpackEncoder(tableSize, (control & 2) != 0, HpackEncoder.CREDENTIALS);
        HpackDecoder check = new HpackDecoder(tableSize, Integer.MAX_VALUE);
        for (byte[] block : List.of(Arrays.copyOfRange(input, 0, at), Arrays.copyOfRange(input, at, input.length))) {
            List<HeaderField> fields = new ArrayList<>();
            boolean within;
            try {
                within = decoder.decode(ByteBuffer.wrap(block), (n, v) -> fields.add(new HeaderField(n, v)));
            } catch (Http2Exception e) {
                assertThat(e.error()).isEqualTo(Http2Error.COMPRESSION_ERROR);
                assertThat(e.scope()).isEqualTo(Http2Exception.Scope.CONNECTION);
                assertThat(e.getMessage()).isNotBlank().hasSizeLessThanOrEqualTo(120);
                assertThat(e.getMessage().chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
                return;
            }
            long listSize = fields.stream().mapToLong(HeaderField::size).sum();
            assertThat(listSize).isLessThanOrEqualTo(maxList);
            assertThat(decoder.table().size()).isLessThanOrEqualTo(decoder.table().maxSize()).isLessThanOrEqualTo(tableSize);
            if (!within) {
                return;
            }
            ByteSink out = new ByteSink(64);
            encoder.beginBlock(out);
            for (HeaderField f : fields) {
                encoder.encode(f.name(), f.value(), out);
            }
            List<HeaderField> again = new ArrayList<>();
            check.decode(ByteBuffer.wrap(out.drain()), (n, v) -> again.add(new HeaderField(n, v)));
            assertThat(again).isEqualTo(fields);
        }
    }
}
