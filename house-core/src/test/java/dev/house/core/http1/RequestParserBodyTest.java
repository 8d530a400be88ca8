package dev.house.core.http1;

import static dev.house.core.http1.ParserFeeding.allWays;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpLimits;
import dev.house.core.http.HttpStatus;
import dev.house.core.http.Request;
import org.junit.jupiter.api.Test;

/** Body framing of {@link RequestParser}: Content-Length, chunked, trailers; fed three ways. */
class RequestParserBodyTest {
    private static final String POST = "POST /p HTTP/1.1\r\nHost: example.com\r\n";
    private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";
    private static final HttpLimits LIMITS = HttpLimits.defaults();

    private static HttpError errorFor(String input) {
        return allWays(input).error();
    }

    // ---- Content-Length ---------------------------------------------------------------------

    @Test
    void readsContentLengthBody() {
        ParserFeeding.Outcome out = allWays(POST + "Content-Length: 11\r\n\r\nhello world");

        assertThat(out.head().contentLength()).isEqualTo(11);
        assertThat(out.request().bodyText()).isEqualTo("hello world");
    }

    @Test
    void readsZeroContentLengthAsNoBody() {
        ParserFeeding.Outcome out = allWays(POST + "Content-Length: 0\r\n\r\n");

        assertThat(out.head().hasBody()).isFalse();
        assertThat(out.request().body()).isEmpty();
    }

    @Test
    void readsBinaryBodyUnchanged() {
        byte[] head = ParserFeeding.bytes(POST + "Content-Length: 256\r\n\r\n");
        byte[] input = new byte[head.length + 256];
        System.arraycopy(head, 0, input, 0, head.length);
        for (int i = 0; i < 256; i++) {
            input[head.length + i] = (byte) i;
        }

        byte[] body = allWays(LIMITS, input).request().body();

        assertThat(body).hasSize(256);
        for (int i = 0; i < 256; i++) {
            assertThat(body[i]).isEqualTo((byte) i);
        }
    }

    @Test
    void consumesTheBodyOfAGetSoTheNextPipelinedRequestParses() {
        ParserFeeding.Outcome out = allWays("GET /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nGET /"
                + "GET /b HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(out.requests).extracting(Request::path).containsExactly("/a", "/b");
        assertThat(out.requests.get(0).bodyText()).isEqualTo("GET /");
    }

    @Test
    void acceptsIdenticalDuplicateContentLengths() {
        assertThat(allWays(POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nabcde").request().bodyText())
                .isEqualTo("abcde");
        assertThat(allWays(POST + "Content-Length: 5, 5\r\n\r\nabcde").request().bodyText()).isEqualTo("abcde");
    }

    @Test
    void rejectsDifferingContentLengths() {
        HttpError expected = new HttpError(HttpStatus.BAD_REQUEST, "Conflicting Content-Length values");

        assertThat(errorFor(POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef")).isEqualTo(expected);
        assertThat(errorFor(POST + "Content-Length: 5, 6\r\n\r\nabcdef")).isEqualTo(expected);
    }

    @Test
    void rejectsContentLengthThatIsNotPlainDigits() {
        for (String value : new String[] {"+5", "-5", "0x5", "5 5", "5a", "5.0", "five", "\u00b9"}) {
            HttpError error = errorFor(POST + "Content-Length: " + value + "\r\n\r\nabcde");

            assertThat(error).as(value).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST,
                    "Content-Length must be decimal digits only"));
        }
    }

    @Test
    void rejectsEmptyContentLength() {
        assertThat(errorFor(POST + "Content-Length:\r\n\r\n"))
                .isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Content-Length is empty"));
        assertThat(errorFor(POST + "Content-Length: 5,\r\n\r\nabcde").status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsContentLengthOverflowingLong() {
        HttpError error = errorFor(POST + "Content-Length: 9223372036854775808\r\n\r\n");

        assertThat(error).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Content-Length is too large a number"));
    }

    @Test
    void rejectsDeclaredBodyOverLimitWith413InsteadOfHead() {
        HttpLimits limits = HttpLimits.defaults().withMaxBodySize(10);
        assertThat(allWays(limits, POST + "Content-Length: 10\r\n\r\n0123456789").events)
                .containsExactly("HEAD", "COMPLETE");

        ParserFeeding.Outcome out = allWays(limits, POST + "Expect: 100-continue\r\nContent-Length: 11\r\n\r\n");

        assertThat(out.events).containsExactly("ERROR 413");
        assertThat(out.error().message()).isEqualTo("Request body is larger than the limit of 10 bytes");
    }

    @Test
    void rejectsHugeDeclaredBodyWith413() {
        HttpError error = errorFor(POST + "Content-Length: 9223372036854775807\r\n\r\n");

        assertThat(error.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    // ---- chunked -------------------------------------------------------------------------------

    @Test
    void readsChunkedBody() {
        ParserFeeding.Outcome out = allWays(CHUNKED + "5\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\n\r\n");

        assertThat(out.head().chunked()).isTrue();
        assertThat(out.head().contentLength()).isEqualTo(-1);
        assertThat(out.request().bodyText()).isEqualTo("hello 0123456789");
    }

    @Test
    void readsChunkSizesInEitherCaseWithLeadingZeros() {
        ParserFeeding.Outcome out = allWays(CHUNKED + "0000a\r\n0123456789\r\n0B\r\nabcdefghijk\r\n000\r\n\r\n");

        assertThat(out.request().body()).hasSize(21);
    }

    @Test
    void readsEmptyChunkedBody() {
        assertThat(allWays(CHUNKED + "0\r\n\r\n").request().body()).isEmpty();
    }

    @Test
    void treatsTransferEncodingNameAndValueCaseInsensitively() {
        ParserFeeding.Outcome out = allWays(POST + "transfer-encoding: Chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n");

        assertThat(out.request().bodyText()).isEqualTo("x");
    }

    @Test
    void acceptsChunkedAcrossSeveralTransferEncodingFieldsWithEmptyMembers() {
        ParserFeeding.Outcome out = allWays(POST + "Transfer-Encoding: ,\r\nTransfer-Encoding: , chunked\r\n\r\n"
                + "1\r\nx\r\n0\r\n\r\n");

        assertThat(out.request().bodyText()).isEqualTo("x");
    }

    @Test
    void acceptsChunkedWithBareLfLineEndings() {
        ParserFeeding.Outcome out = allWays(POST + "Transfer-Encoding: chunked\n\n3\nabc\n0\n\n");

        assertThat(out.request().bodyText()).isEqualTo("abc");
    }

    @Test
    void ignoresValidChunkExtensions() {
        ParserFeeding.Outcome out = allWays(CHUNKED + "3;name=value\r\nabc\r\n"
                + "3 ; flag ; q = \"quoted \\\" ;value\"\r\ndef\r\n"
                + "0;last\r\n\r\n");

        assertThat(out.request().bodyText()).isEqualTo("abcdef");
    }

    @Test
    void rejectsMalformedChunkExtensions() {
        for (String line : new String[] {"3;", "3;=v", "3;a=", "3;a=\"open", "3;a b", "3 x", "3;a=b c", "3;a=\"\u0001\"",
            "3 ", "3;a ", "3,a"}) {
            HttpError error = errorFor(CHUNKED + line + "\r\nabc\r\n0\r\n\r\n");

            assertThat(error).as(line).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Malformed chunk extension"));
        }
    }

    @Test
    void rejectsChunkSizeLineLongerThanItsLimit() {
        HttpError error = errorFor(CHUNKED + "3;x=" + "y".repeat(RequestParser.MAX_CHUNK_LINE) + "\r\nabc\r\n0\r\n\r\n");

        assertThat(error).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Chunk size line is longer than 1024 bytes"));
    }

    @Test
    void rejectsChunkExtensionsAddingUpBeyondTheHeaderSizeLimit() {
        HttpLimits limits = HttpLimits.defaults().withMaxHeaderSize(100);
        String chunk = "1;ext=" + "e".repeat(30) + "\r\nx\r\n";

        ParserFeeding.Outcome out = allWays(limits, CHUNKED + chunk.repeat(4) + "0\r\n\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST,
                "Chunk extensions are larger than 100 bytes"));
    }

    @Test
    void rejectsNonHexChunkSize() {
        assertThat(errorFor(CHUNKED + "g\r\nabc\r\n0\r\n\r\n"))
                .isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Chunk size is missing or not hexadecimal"));
        assertThat(errorFor(CHUNKED + "\r\nabc\r\n0\r\n\r\n").status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errorFor(CHUNKED + "-1\r\nabc\r\n0\r\n\r\n").status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errorFor(CHUNKED + "0x3\r\nabc\r\n0\r\n\r\n").status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errorFor(CHUNKED + " 3\r\nabc\r\n0\r\n\r\n").status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsChunkSizeWithMoreThanSixteenHexDigits() {
        HttpError error = errorFor(CHUNKED + "00000000000000001\r\nx\r\n0\r\n\r\n");

        assertThat(error).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Chunk size has more than 16 hex digits"));
    }

    @Test
    void rejectsChunkSizeOverflowingLong() {
        HttpError error = errorFor(CHUNKED + "ffffffffffffffff\r\nx\r\n0\r\n\r\n");

        assertThat(error).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Chunk size is too large"));
    }

    @Test
    void rejectsChunkedBodyOverLimitWith413() {
        HttpLimits limits = HttpLimits.defaults().withMaxBodySize(10);
        assertThat(allWays(limits, CHUNKED + "5\r\nabcde\r\n5\r\nfghij\r\n0\r\n\r\n").request().body()).hasSize(10);

        ParserFeeding.Outcome out = allWays(limits, CHUNKED + "5\r\nabcde\r\n6\r\nfghijk\r\n0\r\n\r\n");

        assertThat(out.events).containsExactly("HEAD", "ERROR 413");
        assertThat(out.error().message()).isEqualTo("Request body is larger than the limit of 10 bytes");
    }

    @Test
    void rejectsHugeChunkWith413BeforeReadingIt() {
        ParserFeeding.Outcome out = allWays(CHUNKED + "7fffffffffffffff\r\nabc");

        assertThat(out.events).containsExactly("HEAD", "ERROR 413");
    }

    @Test
    void rejectsChunkDataNotFollowedByCrlf() {
        HttpError expected = new HttpError(HttpStatus.BAD_REQUEST, "Chunk data is not followed by CRLF");

        assertThat(errorFor(CHUNKED + "3\r\nabcd\r\n0\r\n\r\n")).isEqualTo(expected);
        assertThat(errorFor(CHUNKED + "3\r\nabc\rx\n0\r\n\r\n")).isEqualTo(expected);
    }

    @Test
    void rejectsBareCrInChunkSizeLine() {
        assertThat(errorFor(CHUNKED + "3\r;a\r\nabc\r\n0\r\n\r\n"))
                .isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Bare CR in a chunk size line"));
    }

    @Test
    void validatesAndDiscardsTrailers() {
        ParserFeeding.Outcome out = allWays(CHUNKED + "3\r\nabc\r\n0\r\nX-Checksum: 42\r\nContent-Length: 99\r\n\r\n");

        Request request = out.request();
        assertThat(request.bodyText()).isEqualTo("abc");
        assertThat(request.header("X-Checksum")).isNull();
        assertThat(request.header("Content-Length")).isNull();
    }

    @Test
    void rejectsMalformedTrailer() {
        assertThat(errorFor(CHUNKED + "0\r\nBad Name: x\r\n\r\n").status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errorFor(CHUNKED + "0\r\nX: a\u0000b\r\n\r\n").status()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errorFor(CHUNKED + "0\r\nX: a\r\n folded\r\n\r\n").status()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void countsTrailersAgainstTheHeaderFieldLimit() {
        HttpLimits limits = HttpLimits.defaults().withMaxHeaderCount(3);

        ParserFeeding.Outcome out = allWays(limits, CHUNKED + "0\r\nA: 1\r\nB: 2\r\n\r\n");

        assertThat(out.error()).isEqualTo(new HttpError(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                "More than 3 header fields"));
    }

    @Test
    void countsTrailersAgainstTheHeaderSizeLimit() {
        HttpLimits limits = HttpLimits.defaults().withMaxHeaderSize(100);

        ParserFeeding.Outcome out = allWays(limits, CHUNKED + "0\r\nX-T: " + "t".repeat(60) + "\r\n\r\n");

        assertThat(out.error().status()).isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
    }

    // ---- Transfer-Encoding combinations ---------------------------------------------------------

    @Test
    void rejectsContentLengthWithTransferEncoding() {
        HttpError error = errorFor(POST + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");

        assertThat(error).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST,
                "Content-Length must not be sent with Transfer-Encoding"));
    }

    @Test
    void rejectsUnknownTransferCodingWith501() {
        HttpError expected = new HttpError(HttpStatus.NOT_IMPLEMENTED, "Only the 'chunked' transfer coding is supported");

        assertThat(errorFor(POST + "Transfer-Encoding: gzip\r\n\r\n")).isEqualTo(expected);
        assertThat(errorFor(POST + "Transfer-Encoding: gzip, chunked\r\n\r\n")).isEqualTo(expected);
        assertThat(errorFor(POST + "Transfer-Encoding: identity\r\n\r\n")).isEqualTo(expected);
    }

    @Test
    void rejectsChunkedThatIsNotTheFinalCoding() {
        HttpError expected = new HttpError(HttpStatus.BAD_REQUEST,
                "Transfer coding 'chunked' must be the last and only once");

        assertThat(errorFor(POST + "Transfer-Encoding: chunked, gzip\r\n\r\n")).isEqualTo(expected);
        assertThat(errorFor(POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n")).isEqualTo(expected);
    }

    @Test
    void rejectsChunkedAppliedTwice() {
        assertThat(errorFor(POST + "Transfer-Encoding: chunked, chunked\r\n\r\n").status())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void rejectsEmptyTransferEncoding() {
        assertThat(errorFor(POST + "Transfer-Encoding: \r\n\r\n"))
                .isEqualTo(new HttpError(HttpStatus.BAD_REQUEST, "Transfer-Encoding is empty"));
    }

    @Test
    void rejectsTransferEncodingInHttp10() {
        HttpError error = errorFor("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");

        assertThat(error).isEqualTo(new HttpError(HttpStatus.BAD_REQUEST,
                "Transfer-Encoding is not allowed in an HTTP/1.0 request"));
    }

    @Test
    void readsPipelinedRequestAfterChunkedBodyWithTrailers() {
        ParserFeeding.Outcome out = allWays(CHUNKED + "2;x=y\r\nab\r\n0\r\nT: 1\r\n\r\n"
                + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n");

        assertThat(out.requests).extracting(Request::path).containsExactly("/p", "/next");
        assertThat(out.requests.get(0).bodyText()).isEqualTo("ab");
    }
}
