package dev.house.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentDecoderTest {

    private static String decode(String s, boolean plusIsSpace) {
        return PercentDecoder.decode(s, 0, s.length(), plusIsSpace, "test input");
    }

    private static void assertRejected(String s, String message) {
        assertThatThrownBy(() -> decode(s, false)).as(s)
                .isInstanceOfSatisfying(HttpException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessage(message);
    }

    @Test
    void returnsPlainTextUnchanged() {
        assertThat(decode("plain-text_~.", false)).isEqualTo("plain-text_~.");
    }

    @Test
    void decodesOnlyTheGivenRange() {
        assertThat(PercentDecoder.decode("xx%41yy", 2, 5, false, "range")).isEqualTo("A");
    }

    @Test
    void decodesHexEscapesInEitherCase() {
        assertThat(decode("%41%6a%6A", false)).isEqualTo("Ajj");
    }

    @Test
    void decodesMultiByteUtf8() {
        assertThat(decode("%C3%BC%E2%82%AC%F0%9F%98%80", false)).isEqualTo("ü€😀");
    }

    @Test
    void decodesPlusAsSpaceOnlyWhenAsked() {
        assertThat(decode("a+b", true)).isEqualTo("a b");
        assertThat(decode("a+b", false)).isEqualTo("a+b");
        assertThat(decode("a%2Bb", true)).isEqualTo("a+b");
    }

    @Test
    void rejectsTruncatedEscape() {
        assertRejected("%", "Invalid percent-encoding in test input");
        assertRejected("ab%4", "Invalid percent-encoding in test input");
    }

    @Test
    void rejectsNonHexEscape() {
        assertRejected("%g1", "Invalid percent-encoding in test input");
        assertRejected("%1 ", "Invalid percent-encoding in test input");
    }

    @Test
    void rejectsNonAsciiDigitsInEscape() {
        // Character.digit would read these as 3 and 3.
        assertRejected("%\u0663\u0663", "Invalid percent-encoding in test input");
        assertRejected("%\uff13\uff13", "Invalid percent-encoding in test input");
    }

    @Test
    void rejectsInvalidUtf8() {
        assertRejected("%C3", "Invalid UTF-8 in test input");
        assertRejected("%80", "Invalid UTF-8 in test input");
        assertRejected("%C0%80", "Invalid UTF-8 in test input");
        assertRejected("%F5%80%80%80", "Invalid UTF-8 in test input");
    }

    @Test
    void passesAlreadyDecodedNonAsciiTextThrough() {
        assertThat(decode("café+%E2%82%AC", true)).isEqualTo("café €");
        assertThat(decode("😀%21", false)).isEqualTo("😀!");
    }

    @Test
    void rejectsLoneSurrogateInsteadOfReplacingIt() {
        assertRejected("a\ud800b%21", "Invalid UTF-16 text in test input");
        assertRejected("\udc00%21", "Invalid UTF-16 text in test input");
        assertRejected("%21\ud800", "Invalid UTF-16 text in test input");
    }
}
