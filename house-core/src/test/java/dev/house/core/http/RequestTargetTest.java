package dev.house.core.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RequestTargetTest {

    private static RequestTarget get(String target) {
        return RequestTarget.parse(target, HttpMethod.GET);
    }

    private static void assertRejected(String target, String message) {
        assertThatThrownBy(() -> get(target)).as(target)
                .isInstanceOfSatisfying(HttpException.class,
                        e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
                .hasMessageContaining(message);
    }

    @Test
    void splitsOriginFormIntoPathAndQuery() {
        RequestTarget target = get("/users/42?sort=name&tag=a&tag=b");

        assertThat(target.path()).isEqualTo("/users/42");
        assertThat(target.rawQuery()).isEqualTo("sort=name&tag=a&tag=b");
        assertThat(target.queryParameters().get("tag")).containsExactly("a", "b");
        assertThat(target.authority()).isNull();
    }

    @Test
    void hasNoQueryWithoutQuestionMark() {
        RequestTarget target = get("/plain");

        assertThat(target.rawQuery()).isNull();
        assertThat(target.queryParameters()).isEmpty();
    }

    @Test
    void keepsAnEmptyQuery() {
        RequestTarget target = get("/p?");

        assertThat(target.rawQuery()).isEmpty();
        assertThat(target.queryParameters()).isEmpty();
    }

    @Test
    void decodesPercentEncodedPathAsUtf8() {
        assertThat(get("/caf%C3%A9/%E2%82%AC").path()).isEqualTo("/café/€");
    }

    @Test
    void keepsPlusInPathButDecodesItAsSpaceInQuery() {
        RequestTarget target = get("/a+b?q=a+b");

        assertThat(target.path()).isEqualTo("/a+b");
        assertThat(target.queryParameters().get("q")).containsExactly("a b");
    }

    @Test
    void collapsesRepeatedSlashes() {
        assertThat(get("//a///b").path()).isEqualTo("/a/b");
    }

    @Test
    void removesDotSegments() {
        assertThat(get("/./a/./b/.").path()).isEqualTo("/a/b");
        assertThat(get("/a/%2e/b").path()).isEqualTo("/a/b");
    }

    @Test
    void keepsATrailingSlash() {
        assertThat(get("/dir/").path()).isEqualTo("/dir/");
        assertThat(get("/").path()).isEqualTo("/");
    }

    @Test
    void rejectsDotDotSegments() {
        assertRejected("/a/../b", "'..'");
        assertRejected("/..", "'..'");
        assertRejected("/a/..", "'..'");
    }

    @Test
    void rejectsPercentEncodedDotDotInAnyCase() {
        assertRejected("/a/%2e%2e/b", "'..'");
        assertRejected("/a/%2E%2E/b", "'..'");
        assertRejected("/a/.%2E/b", "'..'");
        assertRejected("/a/%2e./b", "'..'");
    }

    @Test
    void rejectsEncodedSlash() {
        assertRejected("/a%2Fb", "encoded '/'");
        assertRejected("/a%2f..%2fetc", "encoded '/'");
    }

    @Test
    void rejectsBackslashRawOrEncoded() {
        assertRejected("/a%5Cb", "'\\'");
        assertRejected("/a%5c..%5cb", "'\\'");
        assertRejected("/a\\b", "'\\'");
    }

    @Test
    void rejectsEncodedNul() {
        assertRejected("/a%00b", "control characters");
    }

    @Test
    void rejectsEncodedControlCharacters() {
        assertRejected("/a%0Ab", "control characters");
        assertRejected("/a%7Fb", "control characters");
    }

    @Test
    void rejectsInvalidPercentEscapes() {
        assertRejected("/a%", "percent-encoding in path");
        assertRejected("/a%4", "percent-encoding in path");
        assertRejected("/a%zz", "percent-encoding in path");
        assertRejected("/a%-1", "percent-encoding in path");
    }

    @Test
    void rejectsInvalidUtf8InPath() {
        assertRejected("/a%C3", "UTF-8 in path");
        assertRejected("/a%FF", "UTF-8 in path");
        assertRejected("/a%C0%AF", "UTF-8 in path"); // overlong '/'
        assertRejected("/a%ED%A0%80", "UTF-8 in path"); // encoded surrogate
    }

    @Test
    void rejectsInvalidEncodingInQuery() {
        assertRejected("/p?a=%zz", "query string");
        assertRejected("/p?a=%C3", "query string");
    }

    @Test
    void rejectsFragment() {
        assertRejected("/p#frag", "fragment");
    }

    @Test
    void rejectsEmptyTarget() {
        assertRejected("", "Empty");
    }

    @Test
    void rejectsRelativeTarget() {
        assertRejected("relative/path", "origin-form or absolute-form");
        assertRejected("ftp://host/p", "origin-form or absolute-form");
    }

    @Test
    void parsesAbsoluteForm() {
        RequestTarget target = get("http://example.com:8080/a/b?x=1");

        assertThat(target.authority()).isEqualTo("example.com:8080");
        assertThat(target.path()).isEqualTo("/a/b");
        assertThat(target.queryParameters().get("x")).containsExactly("1");
    }

    @Test
    void givesAbsoluteFormWithoutPathTheRootPath() {
        assertThat(get("https://example.com").path()).isEqualTo("/");
        assertThat(get("HTTP://example.com?q=1").path()).isEqualTo("/");
    }

    @Test
    void rejectsAbsoluteFormWithoutHost() {
        assertRejected("http:///p", "no host");
    }

    @Test
    void normalisesAbsoluteFormPathsToo() {
        assertRejected("http://h/a/%2e%2e/b", "'..'");
    }

    @Test
    void acceptsAsteriskOnlyForOptions() {
        assertThat(RequestTarget.parse("*", HttpMethod.OPTIONS).path()).isEqualTo("*");
        assertRejected("*", "OPTIONS");
    }
}
