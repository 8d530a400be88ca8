package dev.house.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDecoderTest {

    private static Map<String, List<String>> decode(String s) {
        return FormDecoder.decode(s, "form body");
    }

    @Test
    void decodesNameValuePairsInOrder() {
        Map<String, List<String>> params = decode("b=2&a=1&c=3");

        assertThat(params.keySet()).containsExactly("b", "a", "c");
        assertThat(params.get("a")).containsExactly("1");
    }

    @Test
    void keepsEveryValueOfARepeatedName() {
        assertThat(decode("t=x&t=y&t=x").get("t")).containsExactly("x", "y", "x");
    }

    @Test
    void decodesPlusAsSpaceAndEscapesAsUtf8() {
        Map<String, List<String>> params = decode("full+name=J%C3%BCrgen+M%C3%BCller&sym=%2B%26%3D");

        assertThat(params.get("full name")).containsExactly("Jürgen Müller");
        assertThat(params.get("sym")).containsExactly("+&=");
    }

    @Test
    void givesANameWithoutEqualsAnEmptyValue() {
        assertThat(decode("flag&x=").get("flag")).containsExactly("");
        assertThat(decode("flag&x=").get("x")).containsExactly("");
    }

    @Test
    void keepsEqualsSignsInsideTheValue() {
        assertThat(decode("expr=a=b").get("expr")).containsExactly("a=b");
    }

    @Test
    void skipsEmptyPairsAndEmptyNames() {
        Map<String, List<String>> params = decode("&&a=1&&=orphan&");

        assertThat(params).containsOnlyKeys("a");
    }

    @Test
    void returnsEmptyMapForNullOrEmptyInput() {
        assertThat(decode(null)).isEmpty();
        assertThat(decode("")).isEmpty();
    }

    @Test
    void returnsUnmodifiableResult() {
        Map<String, List<String>> params = decode("a=1");

        assertThatThrownBy(() -> params.put("b", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> params.get("a").add("2")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsInvalidEscapeNamingTheSource() {
        assertThatThrownBy(() -> decode("a=%G0"))
                .isInstanceOfSatisfying(HttpException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessage("Invalid percent-encoding in form body");
    }

    @Test
    void rejectsInvalidUtf8() {
        assertThatThrownBy(() -> decode("a=%FF%FE")).hasMessage("Invalid UTF-8 in form body");
    }
}
