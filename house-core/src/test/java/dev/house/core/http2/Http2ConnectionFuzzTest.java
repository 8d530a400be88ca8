package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the whole {@link Http2Connection} with Jazzer: after the client
 * preface, any bytes, fed whole and in random pieces, may only produce frames and handler events;
 * nothing but the handler's own code may throw, and whatever the client sent, the outbound bytes
 * stay parseable frames. The first input byte picks tiny limits or the defaults and seeds the
 * split points. Seeds are in {@code Http2ConnectionFuzzTestInputs/receiveArbitraryFrames}.
 */
class Http2ConnectionFuzzTest {
    private static final Http2Config TINY = new Http2Config(2, 64, 1 << 16, 16_384, 256, 64, 128, 4, 16, 2, 10_000_000_000L, 512);

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // real fuzzing runs its 10 minutes; the default would stop it at 5
    void receiveArbitraryFrames(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int control = data[0] & 0xff;
        Http2Config config = (control & 1) == 0 ? Http2Config.defaults() : TINY;
        byte[] input = H2TestClient.concat(Http2Connection.PREFACE, Arrays.copyOfRange(data, 1, data.length));

        List<String> whole = run(config, List.of(input));
        List<String> pieces = run(config, FrameFeeding.randomPieces(input, control >> 1));
        assertThat(pieces).isEqualTo(whole);
    }

    private static List<String> run(Http2Config config, List<byte[]> pieces) {
        H2TestClient client = new H2TestClient(config);
        for (byte[] piece : pieces) {
            client.connection.receive(ByteBuffer.wrap(piece));
        }
        List<String> out = new java.util.ArrayList<>(client.serverFrames());
        out.addAll(client.handler.events);
        for (String line : out) {
            assertThat(line).doesNotContain("Exception");
        }
        return out;
    }
}
