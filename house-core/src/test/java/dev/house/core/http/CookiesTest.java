package dev.house.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CookiesTest {

    private static Request.Builder request() {
        return Request.builder(HttpMethod.GET, "/");
    }

    @Test
    void findsACookieAmongOthersTrimmedAndUnquoted() {
        Request r = request().header("Cookie", "a=1; theme = \"dark\" ;b=2").build();
        assertThat(Cookies.first(r, "theme")).isEqualTo("dark");
        assertThat(Cookies.first(r, "b")).isEqualTo("2");
    }

    @Test
    void readsEveryCookieHeaderInOrder() {
        Request r = request().header("Cookie", "s=one").header("Cookie", "x=1; s=two").build();
        assertThat(Cookies.values(r, "s")).containsExactly("one", "two");
    }

    @Test
    void aNameIsMatchedWholeNotAsAPrefixOrInsideAValue() {
        Request r = request().header("Cookie", "session2=a; x=session=b; session").build();
        assertThat(Cookies.values(r, "session")).isEmpty();
    }

    @Test
    void anEmptyValueIsAValue() {
        assertThat(Cookies.first(request().header("Cookie", "a=; b=2").build(), "a")).isEmpty();
        assertThat(Cookies.first(request().build(), "a")).isNull();
    }
}
