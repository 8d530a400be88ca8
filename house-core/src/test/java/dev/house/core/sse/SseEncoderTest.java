package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.http.StreamChunk;
import dev.house.core.sse.spi.SseEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseEncoderTest {

    private static String wire(SseEvent event) {
        return new String(SseEncoder.encode(event).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void encodesDataEventWithBlankLineTerminator() {
        assertThat(wire(SseEvent.data("hello"))).isEqualTo("data: hello\n\n");
    }

    @Test
    void splitsDataOnLineFeed() {
        assertThat(wire(SseEvent.data("a\nb"))).isEqualTo("data: a\ndata: b\n\n");
    }

    @Test
    void splitsDataOnCarriageReturnLineFeedAsOneBreak() {
        assertThat(wire(SseEvent.data("a\r\nb"))).isEqualTo("data: a\ndata: b\n\n");
    }

    @Test
    void splitsDataOnLoneCarriageReturn() {
        assertThat(wire(SseEvent.data("a\rb"))).isEqualTo("data: a\ndata: b\n\n");
    }

    @Test
    void keepsEmptyLinesAndTrailingBreakOfData() {
        assertThat(wire(SseEvent.data("a\n\nb\n"))).isEqualTo("data: a\ndata: \ndata: b\ndata: \n\n");
    }

    @Test
    void roundTripsDataThroughAClientParser() {
        String data = " leading space\r\nmixed\rbreaks\n\nend ";
        var events = SseParser.parse(wire(SseEvent.data(data)));
        // A client joins data lines with LF: every kind of break comes back as LF.
        assertThat(events).singleElement().satisfies(e ->
                assertThat(e.data()).isEqualTo(" leading space\nmixed\nbreaks\n\nend "));
    }

    @Test
    void encodesEmptyDataAsOneEmptyDataLine() {
        assertThat(wire(SseEvent.data(""))).isEqualTo("data: \n\n");
    }

    @Test
    void encodesUnicodeAsUtf8() {
        StreamChunk chunk = SseEncoder.encode(SseEvent.data("h\u00e9llo \u4e16\u754c \uD83D\uDE00"));
        assertThat(chunk.bytes()).isEqualTo("data: h\u00e9llo \u4e16\u754c \uD83D\uDE00\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(SseParser.parse(new String(chunk.bytes(), StandardCharsets.UTF_8)).get(0).data())
                .isEqualTo("h\u00e9llo \u4e16\u754c \uD83D\uDE00");
    }

    @Test
    void encodesIdNameAndRetry() {
        SseEvent e = SseEvent.builder().id("7").name("chat").retry(Duration.ofMillis(2500)).data("x").build();
        assertThat(wire(e)).isEqualTo("id: 7\nevent: chat\nretry: 2500\ndata: x\n\n");
    }

    @Test
    void encodesBrokerIdInsteadOfOwnId() {
        byte[] body = SseEncoder.bytes(SseEvent.data("x"), null);
        assertThat(new String(SseEncoder.withId(new EventId(12, 3), body), StandardCharsets.UTF_8))
                .isEqualTo("id: 12-3\ndata: x\n\n");
    }

    @Test
    void encodesCommentLinesSplitOnBreaks() {
        assertThat(wire(SseEvent.comment("one\ntwo"))).isEqualTo(":one\n:two\n\n");
    }

    @Test
    void encodesRetryHint() {
        assertThat(new String(SseEncoder.retry(3000).bytes(), StandardCharsets.US_ASCII)).isEqualTo("retry: 3000\n\n");
    }

    @Test
    void rejectsIdContainingLineFeed() {
        assertThatThrownBy(() -> SseEvent.builder().id("a\nb"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }

    @Test
    void rejectsIdContainingCarriageReturn() {
        assertThatThrownBy(() -> SseEvent.builder().id("a\rb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsIdContainingNul() {
        assertThatThrownBy(() -> SseEvent.builder().id("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNameContainingLineBreak() {
        assertThatThrownBy(() -> SseEvent.named("chat\r\nevil", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @Test
    void rejectsEmptyName() {
        assertThatThrownBy(() -> SseEvent.named("", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNegativeRetry() {
        assertThatThrownBy(() -> SseEvent.builder().retry(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsEventWithoutFields() {
        assertThatThrownBy(() -> SseEvent.builder().build()).isInstanceOf(IllegalArgumentException.class);
    }
}
