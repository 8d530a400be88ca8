package dev.house.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void rejectsInvalidEscapeNamingTheSourceAndTheParameter() {
        assertThatThrownBy(() -> decode("a=%G0"))
                .isInstanceOfSatisfying(HttpException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessage("Invalid percent-encoding in form body parameter 'a'");
    }

    @Test
    void rejectsInvalidUtf8() {
        assertThatThrownBy(() -> decode("a=%FF%FE")).hasMessage("Invalid UTF-8 in form body parameter 'a'");
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"%C0%AF", "%ED%A0%80", "%F4%90%80%80", "%E2%82", "%80", "%F8%88%80%80%80"})
    void rejectsMalformedUtf8NamingTheParameter(String escape) {
        assertThatThrownBy(() -> decode("ok=1&message=" + escape))
                .isInstanceOfSatisfying(HttpException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessage("Invalid UTF-8 in form body parameter 'message'");
    }

    @Test
    void doesNotEchoANameThatIsNotPlainText() {
        assertThatThrownBy(() -> decode("%3Cscript%3E=%C0%AF"))
                .hasMessage("Invalid UTF-8 in form body parameter (name not shown)");
        assertThatThrownBy(() -> decode("%C0%AF=1")).hasMessage("Invalid UTF-8 in form body parameter name");
    }

    @Test
    void acceptsExactlyTheParameterLimit() {
        assertThat(FormDecoder.decode("a&b&c", "form body", 3)).containsOnlyKeys("a", "b", "c");
        assertThat(FormDecoder.decode("a&&b&&", "form body", 2)).containsOnlyKeys("a", "b");
    }

    @Test
    void refusesOneParameterPastTheLimitNamingIt() {
        assertThatThrownBy(() -> FormDecoder.decode("a&a&a&a", "query string", 3))
                .isInstanceOfSatisfying(HttpException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessage("More than 3 parameters in the query string (the max-parameter-count limit)");
    }
}
