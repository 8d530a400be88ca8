package dev.house.core.http1;

import static dev.house.core.http1.ParserFeeding.allWays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpLimits;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import org.junit.jupiter.api.Test;

/** Header section rules of {@link RequestParser}; every input is fed three ways. */
class RequestParserHeaderTest {
    private static final String GET = "GET / HTTP/1.1\r\n";
    private static final String HOST = "Host: example.com\r\n";

    private static ParserFeeding.Outcome withHeaders(String fields) {
        return allWays(GET + fields + "\r\n");
    }

    @Test
    void keepsHeadersInOrderWithCaseInsensitiveLookup() {
        Request request = withHeaders(HOST + "Accept: a\r\nX-Multi: 1\r\nx-multi: 2\r\n").request();

        assertThat(request.header("ACCEPT")).isEqualTo("a");
        assertThat(request.headers().getAll("X-Multi")).containsExactly("1", "2");
        assertThat(request.headers().name(0)).isEqualTo("Host");
    }

    @Test
    void trimsOptionalWhitespaceAroundValues() {
        Request request = withHeaders(HOST + "X-A: \t  padded value \t \r\nX-B:tight\r\n").request();

        assertThat(request.header("X-A")).isEqualTo("padded value");
        assertThat(request.header("X-B")).isEqualTo("tight");
    }

    @Test
    void acceptsEmptyHeaderValue() {
        Request request = withHeaders(HOST + "X-Empty:   \r\n").request();

        assertThat(request.header("X-Empty")).isEmpty();
    }

    @Test
    void decodesObsTextInValuesAsIso88591() {
        Request request = withHeaders(HOST + "X-Name: caf\u00e9\r\n").request();

        assertThat(request.header("X-Name")).isEqualTo("caf\u00e9");
    }

    @Test
    void acceptsTabInsideValue() {
        Request request = withHeaders(HOST + "X-Tab: a\tb\r\n").request();

        assertThat(request.header("X-Tab")).isEqualTo("a\tb");
    }

    @Test
    void rejectsWhitespaceBeforeColon() {
        ParserFeeding.Outcome out = withHeaders(HOST + "X-Bad : v\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST,
                "Whitespace in or after a header name is not allowed"));
    }

    @Test
    void rejectsEmptyHeaderName() {
        ParserFeeding.Outcome out = withHeaders(HOST + ": v\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Empty header name"));
    }

    @Test
    void rejectsHeaderLineWithoutColon() {
        ParserFeeding.Outcome out = withHeaders(HOST + "NoColon\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Header line has no colon"));
    }

    @Test
    void rejectsNonTokenCharacterInHeaderName() {
        ParserFeeding.Outcome out = withHeaders(HOST + "X(Bad): v\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Invalid character in header name"));
    }

    @Test
    void rejectsObsFold() {
        ParserFeeding.Outcome out = withHeaders(HOST + "X-A: first\r\n  continued\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Obsolete line folding is not allowed"));
    }

    @Test
    void rejectsObsFoldWithTab() {
        ParserFeeding.Outcome out = withHeaders(HOST + "X-A: first\r\n\tcontinued\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsNulInHeaderValue() {
        ParserFeeding.Outcome out = withHeaders(HOST + "X-A: a\u0000b\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Invalid character in header value"));
    }

    @Test
    void rejectsControlCharacterInHeaderValue() {
        assertThat(withHeaders(HOST + "X-A: a\u0007b\r\n").error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(withHeaders(HOST + "X-A: a\u007fb\r\n").error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsBareCrInHeaderValue() {
        ParserFeeding.Outcome out = withHeaders(HOST + "X-A: a\rb\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Bare CR in a header line"));
    }

    @Test
    void rejectsBareCrEndingTheHeaderSection() {
        ParserFeeding.Outcome out = allWays(GET + HOST + "\r\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsHeaderSectionLargerThanLimitWith431() {
        HttpLimits limits = HttpLimits.defaults().withMaxHeaderSize(64);
        // 19 + 21 + 22 + 2 = 64 bytes of header section: exactly at the limit.
        String fits = HOST + "X-A: 12345678901234\r\n" + "X-B: 123456789012345\r\n";
        assertThat(allWays(limits, GET + fits + "\r\n").events).containsExactly("HEAD", "COMPLETE");

        ParserFeeding.Outcome out = allWays(limits, GET + HOST + "X-A: 12345678901234\r\n"
                + "X-B: 1234567890123456\r\n\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                "Header section is larger than 64 bytes"));
    }

    @Test
    void rejectsOneHugeHeaderBeforeItsEndArrives() {
        ParserFeeding.Outcome out = allWays(HttpLimits.defaults().withMaxHeaderSize(100),
                GET + "X-Huge: " + "v".repeat(500));

        assertThat(out.error().status()).isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
    }

    @Test
    void rejectsMoreHeaderFieldsThanLimitWith431() {
        HttpLimits limits = HttpLimits.defaults().withMaxHeaderCount(3);
        assertThat(allWays(limits, GET + HOST + "A: 1\r\nB: 2\r\n\r\n").events).containsExactly("HEAD", "COMPLETE");

        ParserFeeding.Outcome out = allWays(limits, GET + HOST + "A: 1\r\nB: 2\r\nC: 3\r\n\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                "More than 3 header fields"));
    }

    @Test
    void rejectsHttp11WithoutHost() {
        ParserFeeding.Outcome out = withHeaders("Accept: */*\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Missing Host header"));
    }

    @Test
    void acceptsHttp10WithoutHost() {
        ParserFeeding.Outcome out = allWays("GET / HTTP/1.0\r\n\r\n");

        assertThat(out.request().header("Host")).isNull();
    }

    @Test
    void rejectsTwoHostHeaders() {
        ParserFeeding.Outcome out = withHeaders(HOST + "Host: other.example\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "More than one Host header"));
    }

    @Test
    void rejectsTwoHostHeadersInHttp10() {
        ParserFeeding.Outcome out = allWays("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsHostWithSlashAtOrWhitespace() {
        for (String host : new String[] {"a/b", "user@host", "a b", "a\tb", "host?x", "host#x", "\"q\""}) {
            ParserFeeding.Outcome out = withHeaders("Host: " + host + "\r\n");

            assertThat(out.error()).as(host).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Invalid Host header"));
        }
    }

    @Test
    void acceptsHostWithPortAndIpLiteral() {
        assertThat(withHeaders("Host: example.com:8080\r\n").request().header("Host")).isEqualTo("example.com:8080");
        assertThat(withHeaders("Host: [::1]:8080\r\n").request().header("Host")).isEqualTo("[::1]:8080");
        assertThat(withHeaders("Host: 127.0.0.1\r\n").request().header("Host")).isEqualTo("127.0.0.1");
    }

    @Test
    void acceptsEmptyHostValue() {
        // RFC 9112 section 3.2: a client sends an empty Host when the target URI has no authority.
        assertThat(withHeaders("Host:\r\n").request().header("Host")).isEmpty();
    }

    @Test
    void flagsExpectContinue() {
        ParserFeeding.Outcome out = allWays("POST / HTTP/1.1\r\n" + HOST + "Expect: 100-Continue\r\n"
                + "Content-Length: 2\r\n\r\nok");

        assertThat(out.continues).containsExactly(true);
        assertThat(out.request().bodyText()).isEqualTo("ok");
    }

    @Test
    void doesNotFlagExpectContinueWithoutTheHeader() {
        ParserFeeding.Outcome out = allWays("POST / HTTP/1.1\r\n" + HOST + "Content-Length: 2\r\n\r\nok");

        assertThat(out.continues).containsExactly(false);
    }

    @Test
    void ignoresExpectContinueFromHttp10() {
        // RFC 9110 section 10.1.1: a server must ignore 100-continue in an HTTP/1.0 request.
        ParserFeeding.Outcome out = allWays("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok");

        assertThat(out.continues).containsExactly(false);
    }

    @Test
    void honoursConnectionCloseForKeepAlive() {
        assertThat(withHeaders(HOST + "Connection: close\r\n").request().keepAlive()).isFalse();
        assertThat(allWays("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").request().keepAlive()).isTrue();
    }
}
