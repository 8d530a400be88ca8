package dev.house.core.http1;

import static dev.house.core.http1.ParserFeeding.allWays;
import static dev.house.core.http1.ParserFeeding.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.http.HttpLimits;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.HttpVersion;
import dev.house.core.http.Request;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** Request line, lifecycle and memory behaviour of {@link RequestParser}; every input is fed three ways. */
class RequestParserTest {
    private static final String HOST = "Host: example.com\r\n";

    @Test
    void parsesSimpleGet() {
        ParserFeeding.Outcome out = allWays("GET /hello?name=J%C3%BCrgen&x=a+b HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.events).containsExactly("HEAD", "COMPLETE");
        Request request = out.request();
        assertThat(request.method()).isEqualTo(HttpMethod.GET);
        assertThat(request.target()).isEqualTo("/hello?name=J%C3%BCrgen&x=a+b");
        assertThat(request.path()).isEqualTo("/hello");
        assertThat(request.queryParameter("name")).isEqualTo("Jürgen");
        assertThat(request.queryParameter("x")).isEqualTo("a b");
        assertThat(request.version()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(request.header("host")).isEqualTo("example.com");
        assertThat(request.body()).isEmpty();
        assertThat(request.keepAlive()).isTrue();
    }

    @Test
    void returnsHeadBeforeCompleteWithTheHeadFields() {
        ParserFeeding.Outcome out = allWays("POST /upload HTTP/1.1\r\n" + HOST + "Content-Length: 3\r\n\r\nabc");

        assertThat(out.events).containsExactly("HEAD", "COMPLETE");
        RequestHead head = out.head();
        assertThat(head.method()).isEqualTo(HttpMethod.POST);
        assertThat(head.target()).isEqualTo("/upload");
        assertThat(head.version()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(head.contentLength()).isEqualTo(3);
        assertThat(head.hasBody()).isTrue();
        assertThat(head.headers().get("Content-Length")).isEqualTo("3");
        assertThat(out.request().bodyText()).isEqualTo("abc");
    }

    @Test
    void completesBodylessRequestOnTheCallAfterHeadEvenWithAnEmptyBuffer() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        ByteBuffer buf = ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\n" + HOST + "\r\n"));

        assertThat(parser.parse(buf)).isEqualTo(RequestParser.Result.HEAD);
        assertThat(buf.hasRemaining()).isFalse();
        assertThat(parser.parse(ByteBuffer.allocate(0))).isEqualTo(RequestParser.Result.COMPLETE);
        assertThat(parser.request().path()).isEqualTo("/");
    }

    @Test
    void doesNotConsumeBodyBytesWhenReturningHead() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        ByteBuffer buf = ByteBuffer.wrap(bytes("PUT /x HTTP/1.1\r\n" + HOST + "Content-Length: 4\r\n\r\nbody"));

        assertThat(parser.parse(buf)).isEqualTo(RequestParser.Result.HEAD);
        assertThat(buf.remaining()).isEqualTo(4);
        assertThat(parser.parse(buf)).isEqualTo(RequestParser.Result.COMPLETE);
        assertThat(parser.request().bodyText()).isEqualTo("body");
    }

    @Test
    void parsesPipelinedRequestsOneAfterAnotherWithReset() {
        String input = "GET /one HTTP/1.1\r\n" + HOST + "\r\n"
                + "POST /two HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\n\r\nhello"
                + "PUT /three HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                + "DELETE /four HTTP/1.1\r\n" + HOST + "\r\n";

        ParserFeeding.Outcome out = allWays(input);

        assertThat(out.events).containsExactly("HEAD", "COMPLETE", "HEAD", "COMPLETE", "HEAD", "COMPLETE",
                "HEAD", "COMPLETE");
        assertThat(out.requests).extracting(Request::path).containsExactly("/one", "/two", "/three", "/four");
        assertThat(out.requests.get(1).bodyText()).isEqualTo("hello");
        assertThat(out.requests.get(2).bodyText()).isEqualTo("abc");
    }

    @Test
    void leavesTheNextPipelinedRequestInTheCallersBuffer() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        String second = "GET /second HTTP/1.1\r\n";
        ByteBuffer buf = ByteBuffer.wrap(bytes("GET /first HTTP/1.1\r\n" + HOST + "\r\n" + second));

        assertThat(parser.parse(buf)).isEqualTo(RequestParser.Result.HEAD);
        assertThat(parser.parse(buf)).isEqualTo(RequestParser.Result.COMPLETE);

        assertThat(buf.remaining()).isEqualTo(second.length());
    }

    @Test
    void reportsAnUnfinishedRequestAsNeedMore() {
        ParserFeeding.Outcome out = allWays("GET / HTTP/1.1\r\nHost: exa");

        assertThat(out.events).containsExactly("NEED_MORE");
    }

    @Test
    void ignoresEmptyLinesBeforeTheRequestLine() {
        ParserFeeding.Outcome out = allWays("\r\n\r\n\nGET / HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.events).containsExactly("HEAD", "COMPLETE");
    }

    @Test
    void ignoresTheEmptyLineSomeClientsSendAfterABody() {
        ParserFeeding.Outcome out = allWays("POST /a HTTP/1.1\r\n" + HOST + "Content-Length: 1\r\n\r\nx\r\n"
                + "GET /b HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.requests).extracting(Request::path).containsExactly("/a", "/b");
    }

    @Test
    void rejectsEndlessEmptyLinesBeforeTheRequestLine() {
        ParserFeeding.Outcome out = allWays(HttpLimits.defaults().withMaxRequestLine(16), "\r\n".repeat(20));

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(out.error().message()).contains("empty lines");
    }

    @Test
    void isNotInProgressWhileOnlyEmptyLinesArrived() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());

        parser.parse(ByteBuffer.wrap(bytes("\r\n\r\n")));
        assertThat(parser.inProgress()).isFalse();

        parser.parse(ByteBuffer.wrap(bytes("G")));
        assertThat(parser.inProgress()).isTrue();
    }

    @Test
    void isNoLongerInProgressAfterReset() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        ByteBuffer buf = ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\n" + HOST + "\r\n"));
        parser.parse(buf);
        parser.parse(buf);
        assertThat(parser.inProgress()).isTrue();

        parser.reset();

        assertThat(parser.inProgress()).isFalse();
    }

    @Test
    void acceptsBareLfAsLineEnding() {
        ParserFeeding.Outcome out = allWays("GET /lf HTTP/1.1\nHost: example.com\nX-A: 1\n\n");

        assertThat(out.request().path()).isEqualTo("/lf");
        assertThat(out.request().header("X-A")).isEqualTo("1");
    }

    @Test
    void rejectsBareCrInTheRequestLine() {
        ParserFeeding.Outcome out = allWays("GET /a\rb HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Bare CR in the request line"));
    }

    @Test
    void rejectsBareCrBeforeTheRequestLine() {
        ParserFeeding.Outcome out = allWays("\rGET / HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(out.error().message()).contains("Bare CR");
    }

    @Test
    void rejectsUnknownMethodWith501NamingIt() {
        ParserFeeding.Outcome out = allWays("BREW /pot HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.NOT_IMPLEMENTED, "Method BREW is not implemented"));
    }

    @Test
    void doesNotEchoALongUnknownMethod() {
        String method = "X".repeat(500);
        ParserFeeding.Outcome out = allWays(method + " / HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.NOT_IMPLEMENTED);
        assertThat(out.error().message()).doesNotContain("XXXXXXXXXXXXXXXXXXXXX").hasSizeLessThan(60);
    }

    @Test
    void treatsMethodNamesCaseSensitively() {
        ParserFeeding.Outcome out = allWays("get / HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.NOT_IMPLEMENTED);
    }

    @Test
    void rejectsNonTokenCharacterInMethod() {
        ParserFeeding.Outcome out = allWays("GE{T / HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Invalid character in method"));
    }

    @Test
    void rejectsRequestLineStartingWithSpace() {
        ParserFeeding.Outcome out = allWays(" GET / HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Request line must start with a method"));
    }

    @Test
    void rejectsDoubleSpaceBetweenMethodAndTarget() {
        ParserFeeding.Outcome out = allWays("GET  / HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(out.error().message()).contains("single space");
    }

    @Test
    void rejectsDoubleSpaceBeforeVersion() {
        ParserFeeding.Outcome out = allWays("GET /  HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(out.error().message()).contains("single space");
    }

    @Test
    void rejectsTrailingSpaceAfterVersion() {
        ParserFeeding.Outcome out = allWays("GET / HTTP/1.1 \r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsRequestLineWithoutVersion() {
        ParserFeeding.Outcome out = allWays("GET /\r\n\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST,
                "Request line must be 'method target version'"));
    }

    @Test
    void rejectsTabAsSeparator() {
        ParserFeeding.Outcome out = allWays("GET\t/ HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsControlCharacterInTarget() {
        ParserFeeding.Outcome out = allWays("GET /a\u0001b HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Invalid character in request target"));
    }

    @Test
    void rejectsDeleteCharacterInTarget() {
        ParserFeeding.Outcome out = allWays("GET /a\u007fb HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsNonAsciiByteInTarget() {
        ParserFeeding.Outcome out = allWays("GET /caf\u00e9 HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Invalid character in request target"));
    }

    @Test
    void rejectsRequestLineLongerThanLimitWith414() {
        HttpLimits limits = HttpLimits.defaults().withMaxRequestLine(32);
        String line = "GET /" + "a".repeat(18) + " HTTP/1.1"; // exactly 32 bytes

        assertThat(allWays(limits, line + "\r\n" + HOST + "\r\n").events).containsExactly("HEAD", "COMPLETE");
        ParserFeeding.Outcome out = allWays(limits, "GET /" + "a".repeat(19) + " HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.URI_TOO_LONG,
                "Request line is longer than 32 bytes"));
    }

    @Test
    void rejectsOverlongRequestLineBeforeItsEndArrives() {
        ParserFeeding.Outcome out = allWays(HttpLimits.defaults().withMaxRequestLine(32), "GET /" + "a".repeat(100));

        assertThat(out.error().status()).isEqualTo(HttpStatus.URI_TOO_LONG);
    }

    @Test
    void acceptsHttp10() {
        ParserFeeding.Outcome out = allWays("GET / HTTP/1.0\r\n\r\n");

        assertThat(out.request().version()).isEqualTo(HttpVersion.HTTP_1_0);
        assertThat(out.request().keepAlive()).isFalse();
    }

    @Test
    void treatsLaterMinorVersionsAsHttp11() {
        ParserFeeding.Outcome out = allWays("GET / HTTP/1.9\r\n" + HOST + "\r\n");

        assertThat(out.request().version()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void rejectsHttp2With505() {
        ParserFeeding.Outcome out = allWays("GET / HTTP/2.0\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.HTTP_VERSION_NOT_SUPPORTED);
    }

    @Test
    void rejectsOtherMajorVersionsWith505() {
        assertThat(allWays("GET / HTTP/0.9\r\n\r\n").error().status()).isEqualTo(HttpStatus.HTTP_VERSION_NOT_SUPPORTED);
        assertThat(allWays("GET / HTTP/3.0\r\n\r\n").error().status()).isEqualTo(HttpStatus.HTTP_VERSION_NOT_SUPPORTED);
    }

    @Test
    void rejectsMalformedVersionsWith400() {
        for (String version : new String[] {"HTTP/1", "HTTP/1.1x", "http/1.1", "HTTP/11", "HTTP/1.", "HTTP/a.b",
            "HTTPS/1.1", "HTTP/1.1.1", "HTTP/ 1.1"}) {
            ParserFeeding.Outcome out = allWays("GET / " + version + "\r\n" + HOST + "\r\n");

            assertThat(out.error().status()).as(version).isEqualTo(HttpStatus.BAD_REQUEST);
        }
    }

    @Test
    void acceptsAbsoluteFormAndUsesItsAuthorityAsHost() {
        ParserFeeding.Outcome out = allWays("GET http://target.example:8080/p?q=1 HTTP/1.1\r\nHost: other\r\n\r\n");

        Request request = out.request();
        assertThat(request.path()).isEqualTo("/p");
        assertThat(request.queryParameter("q")).isEqualTo("1");
        assertThat(request.headers().getAll("Host")).containsExactly("target.example:8080");
    }

    @Test
    void rejectsAbsoluteFormWithUserinfo() {
        ParserFeeding.Outcome out = allWays("GET http://user@evil.example/ HTTP/1.1\r\nHost: a\r\n\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Invalid host in the request target"));
    }

    @Test
    void acceptsAsteriskFormForOptions() {
        ParserFeeding.Outcome out = allWays("OPTIONS * HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.request().path()).isEqualTo("*");
    }

    @Test
    void rejectsAsteriskFormForGet() {
        ParserFeeding.Outcome out = allWays("GET * HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsAuthorityFormTarget() {
        ParserFeeding.Outcome out = allWays("CONNECT example.com:443 HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsTargetThatEscapesTheRoot() {
        ParserFeeding.Outcome out = allWays("GET /static/%2e%2e/secret HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Path must not contain '..' segments"));
    }

    @Test
    void rejectsInvalidPercentEncodingInTargetWith400() {
        ParserFeeding.Outcome out = allWays("GET /a%zz HTTP/1.1\r\n" + HOST + "\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void keepsReturningErrorAfterAnError() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        assertThat(parser.parse(ByteBuffer.wrap(bytes("GET / HTTP/9.9\r\n")))).isEqualTo(RequestParser.Result.ERROR);

        assertThat(parser.parse(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\n")))).isEqualTo(RequestParser.Result.ERROR);
        assertThat(parser.error().status()).isEqualTo(HttpStatus.HTTP_VERSION_NOT_SUPPORTED);
    }

    @Test
    void refusesAccessorsBeforeTheirResult() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());

        assertThatThrownBy(parser::head).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(parser::request).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(parser::error).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void holdsNoBufferWhenFreshOrIdleAfterReset() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        assertThat(parser.lineCapacity()).isZero();
        ByteBuffer buf = ByteBuffer.wrap(bytes("POST /x HTTP/1.1\r\n" + HOST + "X-Big: " + "v".repeat(10_000)
                + "\r\nContent-Length: 20000\r\n\r\n" + "b".repeat(20_000)));
        assertThat(parser.parse(buf)).isEqualTo(RequestParser.Result.HEAD);
        assertThat(parser.parse(buf)).isEqualTo(RequestParser.Result.COMPLETE);

        parser.reset();

        assertThat(parser.lineCapacity()).isZero();
        assertThat(parser.bodyCapacity()).isZero();
    }

    @Test
    void growsTheLineBufferOnlyAsFarAsTheLimit() {
        HttpLimits limits = HttpLimits.defaults().withMaxHeaderSize(1000);
        RequestParser parser = new RequestParser(limits);

        parser.parse(ByteBuffer.wrap(bytes("GET / HTTP/1.1\r\nX: " + "v".repeat(990))));

        assertThat(parser.lineCapacity()).isLessThanOrEqualTo(1000);
    }

    @Test
    void doesNotAllocateTheDeclaredBodyLengthUpFront() {
        RequestParser parser = new RequestParser(HttpLimits.defaults());
        ByteBuffer buf = ByteBuffer.wrap(bytes("POST / HTTP/1.1\r\n" + HOST + "Content-Length: 1000000\r\n\r\nabc"));
        parser.parse(buf);

        assertThat(parser.parse(buf)).isEqualTo(RequestParser.Result.NEED_MORE);

        assertThat(parser.bodyCapacity()).isLessThan(100_000);
    }
}
