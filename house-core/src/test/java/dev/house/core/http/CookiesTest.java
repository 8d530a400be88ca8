package dev.house.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one cookie rule (sessions and the starter's {@code @CookieValue} both use it). */
class CookiesTest {

    private static Request withCookies(String... headers) {
        Request.Builder b = Request.builder(HttpMethod.GET, "/");
        for (String h : headers) {
            b.header("Cookie", h);
        }
        return b.build();
    }

    @Test
    void findsACookieInAnyCookieHeaderNotOnlyTheFirst() {
        Request request = withCookies("a=1; b=2", "theme=dark");

        assertThat(request.cookie("theme")).isEqualTo("dark");
        assertThat(request.cookie("b")).isEqualTo("2");
    }

    @Test
    void returnsEveryValueOfARepeatedNameInOrder() {
        Request request = withCookies("id=first; x=1", "id=second");

        assertThat(request.cookies("id")).containsExactly("first", "second");
        assertThat(request.cookie("id")).isEqualTo("first");
    }

    @Test
    void matchesTheWholeNameAndDropsTheQuotesAroundAValue() {
        Request request = withCookies("ab=1;  a = \"quoted\" ");

        assertThat(request.cookie("a")).isEqualTo("quoted");
        assertThat(request.cookie("b")).isNull();
        assertThat(request.cookie("missing")).isNull();
    }
}
