package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-memory connection engine driven frame by frame by {@link H2TestClient}, through the
 * RFC 9113 rules of sections 3 to 8 one at a time, and through the limits of issue #14.
 */
class Http2ConnectionTest {
    private static final Http2Config CONFIG = Http2Config.defaults();
    /** Our SETTINGS and the connection window we add, then our ACK of the client's SETTINGS. */
    private static final List<String> GREETING = List.of(
            "SETTINGS {1=4096, 3=128, 4=65535, 5=16384, 6=16384}", "WINDOW_UPDATE 0 983041", "SETTINGS ACK");
    private static final String OK_HEADERS = "[:status=200, content-type=text/plain]";

    private static H2TestClient client() {
        return H2TestClient.connected(CONFIG);
    }

    // §3.4 connection preface

    @Test
    void greetsWithSettingsAndAcknowledgesTheClientsSettings() {
        H2TestClient client = new H2TestClient(CONFIG);
        assertThat(client.preface().settings(Http2Settings.INITIAL_WINDOW_SIZE, 1000).exchange()).isEqualTo(GREETING);
    }

    @Test
    void aBadPrefaceIsAConnectionProtocolError() {
        H2TestClient client = new H2TestClient(CONFIG);
        client.bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(client.exchange()).containsExactly("SETTINGS {1=4096, 3=128, 4=65535, 5=16384, 6=16384}",
                "WINDOW_UPDATE 0 983041", "GOAWAY 0 PROTOCOL_ERROR 'Invalid HTTP/2 client connection preface'");
        assertThat(client.connection.isClosed()).isTrue();
    }

    @Test
    void aFirstFrameOtherThanSettingsIsAConnectionProtocolError() {
        H2TestClient client = new H2TestClient(CONFIG);
        assertThat(client.preface().ping(1).exchange())
                .endsWith("GOAWAY 0 PROTOCOL_ERROR 'The client preface must start with a SETTINGS frame'");
    }

    // §8 a request and its response

    @Test
    void answersAGetOnItsStream() {
        H2TestClient client = client();
        assertThat(client.get(1, "/hello?x=1").exchange()).containsExactly(
                "HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:' END_STREAM");
        assertThat(client.handler.events).containsExactly("request 1 GET /hello?x=1 END");
        Http2Request request = client.handler.requests.get(1);
        assertThat(request.scheme()).isEqualTo("https");
        assertThat(request.authority()).isEqualTo("example.com");
        assertThat(request.headers().get("host")).isEqualTo("example.com");
        assertThat(client.connection.activeStreams()).isZero();
    }

    @Test
    void deliversTheRequestBodyAndAnswersAfterIt() {
        H2TestClient client = client();
        assertThat(client.post(1, "/echo", "content-length: 5").data(1, "he", false).data(1, "llo", true).exchange())
                .containsExactly("HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:hello' END_STREAM");
        assertThat(client.handler.events).containsExactly("request 1 POST /echo", "body 1 'hello'");
    }

    @Test
    void joinsCookieCrumbsIntoOneField() {
        H2TestClient client = client();
        client.headers(1, true, ":method: GET", ":scheme: https", ":path: /", ":authority: a", "cookie: a=1", "cookie: b=2").exchange();
        assertThat(client.handler.requests.get(1).headers().get("cookie")).isEqualTo("a=1; b=2");
    }

    @Test
    void acceptsTrailersThatEndTheRequest() {
        H2TestClient client = client();
        client.post(1, "/t").data(1, "abc", false).headers(1, true, "x-checksum: 1");
        assertThat(client.exchange()).containsExactly("HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:abc' END_STREAM");
    }

    @Test
    void givesTheSameAnswerHoweverTheBytesAreSplit() {
        H2TestClient recorder = new H2TestClient(CONFIG);
        byte[] input = recorder.preface().settings().get(1, "/a").post(3, "/b", "content-length: 3").data(3, "xyz", true)
                .ping(7).takePending();
        List<String> whole = run(List.of(input));
        assertThat(whole).contains("HEADERS 3 " + OK_HEADERS, "DATA 3 'ok:xyz' END_STREAM", "PING ACK 7");
        for (int at = 0; at <= input.length; at++) {
            assertThat(run(List.of(Arrays.copyOf(input, at), Arrays.copyOfRange(input, at, input.length))))
                    .as("split at %d", at).isEqualTo(whole);
        }
        for (long seed : new long[] {1, 42, 1234567}) {
            assertThat(run(FrameFeeding.randomPieces(input, seed))).as("seed %d", seed).isEqualTo(whole);
        }
    }

    private static List<String> run(List<byte[]> pieces) {
        H2TestClient client = new H2TestClient(CONFIG);
        List<String> out = new ArrayList<>(client.feed(pieces));
        out.addAll(client.handler.events);
        return out;
    }

    @Test
    void assemblesAHeaderBlockSplitAcrossContinuationFramesAtEveryOffset() {
        H2TestClient template = new H2TestClient(CONFIG);
        byte[] block = template.block(":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com",
                "custom-key: custom-value", "accept: */*");
        for (int first = 0; first <= block.length; first++) {
            for (int second = first; second <= block.length; second += Math.max(1, block.length / 5)) {
                H2TestClient client = H2TestClient.connected(CONFIG);
                client.raw(FrameReader.HEADERS, FrameReader.FLAG_END_STREAM, 1, Arrays.copyOf(block, first))
                        .raw(FrameReader.CONTINUATION, 0, 1, Arrays.copyOfRange(block, first, second))
                        .raw(FrameReader.CONTINUATION, FrameReader.FLAG_END_HEADERS, 1, Arrays.copyOfRange(block, second, block.length));
                assertThat(client.exchange()).as("split at %d and %d", first, second)
                        .containsExactly("HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:' END_STREAM");
                assertThat(client.handler.requests.get(1).headers().get("custom-key")).isEqualTo("custom-value");
            }
        }
    }

    @Test
    void decodesTheRfc7541RequestBlocksSplitAcrossContinuationFramesAtEveryOffset() {
        // RFC 7541 C.3 (plain) and C.4 (Huffman), each sent as three requests on one connection,
        // so the dynamic table carries over between blocks exactly as in the RFC.
        String[][] examples = {
            {
                "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                "8286 84be 5808 6e6f 2d63 6163 6865",
                "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
            },
            {
                "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
                "8286 84be 5886 a8eb 1064 9cbf",
                "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
            },
        };
        for (String[] blocks : examples) {
            for (int split = 0; split <= 40; split++) {
                H2TestClient client = H2TestClient.connected(CONFIG);
                sendSplit(client, blocks, split);
                client.exchange();
                assertThat(client.handler.events).as("split at %d", split)
                        .containsExactly("request 1 GET / END", "request 3 GET / END", "request 5 GET /index.html END");
                assertThat(client.handler.requests.get(1).scheme()).isEqualTo("http");
                assertThat(client.handler.requests.get(3).headers().get("cache-control")).isEqualTo("no-cache");
                assertThat(client.handler.requests.get(5).headers().get("custom-key")).isEqualTo("custom-value");
                assertThat(client.handler.requests.get(5).scheme()).isEqualTo("https");
                assertThat(client.handler.requests.get(5).authority()).isEqualTo("www.example.com");
            }
        }
    }

    /** Sends each block on streams 1, 3, 5... as HEADERS holding its first {@code split} octets and a CONTINUATION with the rest. */
    private static void sendSplit(H2TestClient client, String[] blocks, int split) {
        for (int i = 0; i < blocks.length; i++) {
            byte[] block = java.util.HexFormat.of().parseHex(blocks[i].replace(" ", ""));
            int at = Math.min(split, block.length);
            client.raw(FrameReader.HEADERS, FrameReader.FLAG_END_STREAM, 1 + 2 * i, Arrays.copyOf(block, at))
                    .raw(FrameReader.CONTINUATION, FrameReader.FLAG_END_HEADERS, 1 + 2 * i, Arrays.copyOfRange(block, at, block.length));
        }
    }

    @Test
    void decodesTheRfc7541ResponseBlocksWithEvictionSplitAcrossContinuationFramesAtEveryOffset() {
        // RFC 7541 C.5 (plain) and C.6 (Huffman) with our SETTINGS_HEADER_TABLE_SIZE at the RFC's
        // 256 octets, so entries are evicted. A :status block is a malformed request (a stream
        // error), but its fields still enter the table: the requests after them name its entries
        // by index and must find the RFC's table after C.5.3 / C.6.3, no more and no less.
        String[][] examples = {
            {
                "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133"
                        + "2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70"
                        + "6c65 2e63 6f6d",
                "4803 3330 37c1 c0bf",
                "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d"
                        + "54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049"
                        + "5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e"
                        + "3d31",
            },
            {
                "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
                        + "2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                "4883 640e ffc1 c0bf",
                "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab"
                        + "77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f"
                        + "9587 3160 65c0 03ed 4ee5 b106 3d50 07",
            },
        };
        Http2Config config = new Http2Config(128, 65_535, 1 << 20, 16_384, 16_384, 256, 1 << 20,
                200, 1_000, 16, 10_000_000_000L, 64 * 1024);
        String malformed = " PROTOCOL_ERROR: Malformed request: Pseudo-header :status is not a request pseudo-header";
        for (String[] blocks : examples) {
            for (int split = 0; split <= 120; split++) {
                H2TestClient client = H2TestClient.connected(config);
                sendSplit(client, blocks, split);
                // GET https / :authority "a", then indexed 62, 63, 64.
                client.raw(FrameReader.HEADERS, FrameReader.FLAG_END_HEADERS | FrameReader.FLAG_END_STREAM, 7, "8287 84 010161 be bf c0");
                client.exchange();
                assertThat(client.handler.events).as("split at %d", split).containsExactly(
                        "streamError 1" + malformed, "streamError 3" + malformed, "streamError 5" + malformed,
                        "request 7 GET / END");
                dev.house.core.http.HttpHeaders headers = client.handler.requests.get(7).headers();
                assertThat(headers.get("set-cookie")).isEqualTo("foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1");
                assertThat(headers.get("content-encoding")).isEqualTo("gzip");
                assertThat(headers.get("date")).isEqualTo("Mon, 21 Oct 2013 20:13:22 GMT");
                // The RFC's table holds exactly those three after the evictions: index 65 is past it.
                client.raw(FrameReader.HEADERS, FrameReader.FLAG_END_HEADERS | FrameReader.FLAG_END_STREAM, 9, "8287 84 010161 c1");
                assertThat(client.exchange()).as("split at %d", split).singleElement().asString()
                        .startsWith("GOAWAY 7 COMPRESSION_ERROR").contains("65");
            }
        }
    }

    // §4.2 frame size

    @Test
    void aFrameLargerThanOurMaxFrameSizeIsAConnectionFrameSizeError() {
        H2TestClient client = client();
        client.post(1, "/big").raw(FrameReader.DATA, 0, 1, new byte[16_385]);
        assertThat(client.exchange()).containsExactly(
                "GOAWAY 1 FRAME_SIZE_ERROR 'Frame of 16385 octets exceeds SETTINGS_MAX_FRAME_SIZE 16384'");
        assertThat(client.handler.events).contains("closed 1 FRAME_SIZE_ERROR");
    }

    @Test
    void splitsLargeResponsesIntoFramesOfThePeersMaxFrameSize() {
        H2TestClient client = client();
        client.handler.responseBody = "x".repeat(20_000);
        client.windowUpdate(0, 100_000).settings(Http2Settings.INITIAL_WINDOW_SIZE, 100_000).get(1, "/");
        List<String> frames = client.exchange();
        assertThat(frames).hasSize(4);
        assertThat(frames.get(2)).hasSize("DATA 1 ''".length() + 16_384);
        assertThat(frames.get(3)).hasSize("DATA 1 '' END_STREAM".length() + 20_000 - 16_384);
    }

    @Test
    void aResponseHeaderBlockLargerThanThePeersFrameSizeContinuesInContinuationFrames() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.get(1, "/").exchange();
        String big = "v".repeat(40_000);
        client.connection.respond(1, 200, new dev.house.core.http.HttpHeaders().add("x-big", big), true);
        byte[] out = client.connection.drain();
        List<String> frames = FrameFeeding.feed(Http2Settings.MAX_MAX_FRAME_SIZE, List.of(out));
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).startsWith("HEADERS 1 ").endsWith(" END_STREAM");
        assertThat(frames.get(1)).startsWith("CONTINUATION 1 ").doesNotContain("END_HEADERS");
        assertThat(frames.get(2)).startsWith("CONTINUATION 1 ").endsWith(" END_HEADERS");
        // Each frame at most the peer's 16,384 octets.
        int at = 0;
        while (at < out.length) {
            int length = ((out[at] & 0xff) << 16) | ((out[at + 1] & 0xff) << 8) | (out[at + 2] & 0xff);
            assertThat(length).isLessThanOrEqualTo(16_384);
            at += 9 + length;
        }
    }

    // §5.1 stream states and identifiers

    @Test
    void anEvenStreamIdIsAConnectionProtocolError() {
        assertThat(client().get(2, "/").exchange()).containsExactly(
                "GOAWAY 0 PROTOCOL_ERROR 'HEADERS on even stream 2: clients open odd streams'");
    }

    @Test
    void aDecreasingStreamIdIsAConnectionProtocolError() {
        H2TestClient client = client();
        client.handler.hold = true;
        assertThat(client.get(5, "/").get(3, "/").exchange()).containsExactly(
                "GOAWAY 5 PROTOCOL_ERROR 'HEADERS on stream 3 after stream 5: stream ids must increase'");
    }

    @Test
    void framesOnIdleStreamsAreConnectionProtocolErrors() {
        assertThat(client().data(1, "x", true).exchange()).containsExactly("GOAWAY 0 PROTOCOL_ERROR 'DATA on idle stream 1'");
        assertThat(client().windowUpdate(3, 10).exchange()).containsExactly("GOAWAY 0 PROTOCOL_ERROR 'WINDOW_UPDATE on idle stream 3'");
        assertThat(client().rst(5, Http2Error.CANCEL).exchange()).containsExactly("GOAWAY 0 PROTOCOL_ERROR 'RST_STREAM on idle stream 5'");
    }

    @Test
    void priorityOnAnIdleStreamIsAllowedAndIgnored() {
        H2TestClient client = client();
        client.raw(FrameReader.PRIORITY, 0, 3, "00000001 10").get(1, "/");
        assertThat(client.exchange()).containsExactly("HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:' END_STREAM");
    }

    @Test
    void dataOnAClosedStreamIsAStreamClosedError() {
        H2TestClient client = client();
        client.get(1, "/").exchange();
        assertThat(client.data(1, "late", true).exchange()).containsExactly("RST_STREAM 1 STREAM_CLOSED");
        assertThat(client.handler.events).contains("streamError 1 STREAM_CLOSED: DATA on closed stream 1");
    }

    @Test
    void headersOnAClosedStreamIsAConnectionStreamClosedError() {
        H2TestClient client = client();
        client.get(1, "/").exchange();
        assertThat(client.get(1, "/").exchange()).containsExactly("GOAWAY 1 STREAM_CLOSED 'HEADERS on closed stream 1'");
    }

    @Test
    void dataAfterEndStreamOnAHalfClosedStreamIsAStreamClosedError() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.get(1, "/").exchange();
        assertThat(client.data(1, "x", false).exchange()).containsExactly("RST_STREAM 1 STREAM_CLOSED");
        assertThat(client.handler.events).contains("closed 1 STREAM_CLOSED");
    }

    @Test
    void aResponseCompleteBeforeTheRequestEndsResetsTheRestWithNoErrorAndLateDataIsIgnored() {
        H2TestClient client = client();
        client.post(1, "/").data(1, "part", false).exchange();
        client.handler.answer(1);
        assertThat(client.serverFrames()).containsExactly("HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:part' END_STREAM",
                "RST_STREAM 1 NO_ERROR");
        assertThat(client.data(1, "rest", true).exchange()).isEmpty();
        assertThat(client.get(3, "/").exchange()).containsExactly("HEADERS 3 " + OK_HEADERS, "DATA 3 'ok:' END_STREAM");
    }

    @Test
    void framesInFlightOnAStreamWeResetAreIgnored() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.post(1, "/").exchange();
        client.connection.reset(1, Http2Error.CANCEL);
        assertThat(client.serverFrames()).containsExactly("RST_STREAM 1 CANCEL");
        assertThat(client.data(1, "in flight", true).exchange()).isEmpty();
    }

    @Test
    void aClientResetClosesOnlyThatStream() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.get(1, "/").get(3, "/").rst(1, Http2Error.CANCEL).exchange();
        assertThat(client.handler.events).containsExactly("request 1 GET / END", "request 3 GET / END", "closed 1 CANCEL");
        client.handler.hold = false;
        client.handler.answer(3);
        assertThat(client.serverFrames()).containsExactly("HEADERS 3 " + OK_HEADERS, "DATA 3 'ok:' END_STREAM");
        assertThat(client.connection.respond(1, 200, null, true)).isFalse();
    }

    @Test
    void aStreamDependingOnItselfIsAStreamProtocolError() {
        H2TestClient client = client();
        byte[] block = client.block(":method: GET", ":scheme: https", ":path: /", ":authority: a");
        byte[] payload = H2TestClient.concat(new byte[] {0, 0, 0, 1, 16}, block);
        client.raw(FrameReader.HEADERS, FrameReader.FLAG_PRIORITY | FrameReader.FLAG_END_HEADERS | FrameReader.FLAG_END_STREAM, 1, payload);
        assertThat(client.exchange()).containsExactly("RST_STREAM 1 PROTOCOL_ERROR");
        assertThat(client.get(3, "/").exchange()).containsExactly("HEADERS 3 " + OK_HEADERS, "DATA 3 'ok:' END_STREAM");
    }

    // §5.1.2 concurrency

    @Test
    void streamsBeyondMaxConcurrentStreamsAreRefused() {
        H2TestClient client = H2TestClient.connected(CONFIG.withMaxConcurrentStreams(2));
        client.handler.hold = true;
        assertThat(client.get(1, "/").get(3, "/").get(5, "/").exchange()).containsExactly("RST_STREAM 5 REFUSED_STREAM");
        assertThat(client.handler.events).containsExactly("request 1 GET / END", "request 3 GET / END",
                "streamError 5 REFUSED_STREAM: More than SETTINGS_MAX_CONCURRENT_STREAMS 2 streams");
        client.handler.hold = false;
        client.handler.answer(1);
        client.serverFrames();
        assertThat(client.get(7, "/").exchange()).containsExactly("HEADERS 7 " + OK_HEADERS, "DATA 7 'ok:' END_STREAM");
    }

    // §6.4, §6.5, §6.7, §6.8

    @Test
    void answersPingWithTheSameData() {
        assertThat(client().ping(0x0102030405060708L).exchange()).containsExactly("PING ACK 72623859790382856");
    }

    @Test
    void aPingAckFromTheClientIsNotAnswered() {
        assertThat(client().raw(FrameReader.PING, FrameReader.FLAG_ACK, 0, "0000000000000009").exchange()).isEmpty();
    }

    @Test
    void unknownFrameTypesAndUnknownSettingsAreIgnored() {
        H2TestClient client = client();
        client.raw(0xfa, 0xff, 1, "cafe").raw(FrameReader.SETTINGS, 0, 0, "0099 00000005 00ff ffffffff").get(1, "/");
        assertThat(client.exchange()).containsExactly("SETTINGS ACK", "HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:' END_STREAM");
    }

    @Test
    void theDefaultConcurrencyLimitIs128() {
        H2TestClient client = client();
        client.handler.hold = true;
        for (int i = 0; i < 129; i++) {
            client.get(1 + 2 * i, "/");
        }
        assertThat(client.exchange()).containsExactly("RST_STREAM 257 REFUSED_STREAM");
        assertThat(client.connection.activeStreams()).isEqualTo(128);
    }

    @Test
    void badSettingsValuesAreConnectionErrors() {
        assertThat(client().settings(Http2Settings.ENABLE_PUSH, 2).exchange())
                .containsExactly("GOAWAY 0 PROTOCOL_ERROR 'SETTINGS_ENABLE_PUSH of 2, not 0 or 1'");
        assertThat(client().settings(Http2Settings.INITIAL_WINDOW_SIZE, 1L << 31).exchange())
                .containsExactly("GOAWAY 0 FLOW_CONTROL_ERROR 'SETTINGS_INITIAL_WINDOW_SIZE of 2147483648 exceeds 2^31-1'");
        assertThat(client().settings(Http2Settings.MAX_FRAME_SIZE, 100).exchange())
                .containsExactly("GOAWAY 0 PROTOCOL_ERROR 'SETTINGS_MAX_FRAME_SIZE of 100 is outside 16384..16777215'");
    }

    @Test
    void pushPromiseFromTheClientIsAConnectionProtocolError() {
        assertThat(client().raw(FrameReader.PUSH_PROMISE, 4, 1, "00000002").exchange())
                .containsExactly("GOAWAY 0 PROTOCOL_ERROR 'PUSH_PROMISE sent by a client'");
    }

    @Test
    void gracefulGoAwayLetsOpenStreamsFinishAndIgnoresNewOnes() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.get(1, "/").exchange();
        client.connection.goAway();
        assertThat(client.serverFrames()).containsExactly("GOAWAY 1 NO_ERROR ''");
        assertThat(client.get(3, "/").exchange()).isEmpty();
        assertThat(client.connection.isClosed()).isFalse();
        client.handler.hold = false;
        client.handler.answer(1);
        assertThat(client.serverFrames()).containsExactly("HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:' END_STREAM");
        assertThat(client.connection.isClosed()).isTrue();
        assertThat(client.handler.events).containsExactly("request 1 GET / END");
    }

    @Test
    void afterOurGoAwayTheBodyAndWindowFramesOfIgnoredStreamsAreIgnoredToo() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.get(1, "/").exchange();
        client.connection.goAway();
        assertThat(client.serverFrames()).containsExactly("GOAWAY 1 NO_ERROR ''");
        // In flight when our GOAWAY left: a request with a body, its window and its reset.
        client.post(3, "/").windowUpdate(3, 100).data(3, "body", false).rst(3, Http2Error.CANCEL);
        assertThat(client.exchange()).isEmpty();
        client.handler.hold = false;
        client.handler.answer(1);
        assertThat(client.serverFrames()).containsExactly("HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:' END_STREAM");
        assertThat(client.handler.events).containsExactly("request 1 GET / END");
    }

    @Test
    void aGoAwayFromTheClientLetsItsOpenStreamsFinish() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.get(1, "/").raw(FrameReader.GOAWAY, 0, 0, "00000001 00000000").exchange();
        client.handler.hold = false;
        client.handler.answer(1);
        assertThat(client.serverFrames()).containsExactly("HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:' END_STREAM");
    }

    // §6.9 flow control

    @Test
    void aStreamWithoutWindowWaitsWhileOthersFlow() {
        H2TestClient client = client();
        client.handler.responseBody = "0123456789".repeat(3);
        client.settings(Http2Settings.INITIAL_WINDOW_SIZE, 10).get(1, "/").get(3, "/").windowUpdate(3, 100);
        assertThat(client.exchange()).containsExactly("SETTINGS ACK",
                "HEADERS 1 " + OK_HEADERS, "DATA 1 '0123456789'",
                "HEADERS 3 " + OK_HEADERS, "DATA 3 '0123456789'", "DATA 3 '01234567890123456789' END_STREAM");
        assertThat(client.connection.pendingBytes(1)).isEqualTo(20);
        assertThat(client.connection.pendingBytes(3)).isZero();
        assertThat(client.connection.pendingBytes()).isEqualTo(20);
        assertThat(client.windowUpdate(1, 25).exchange()).containsExactly("DATA 1 '01234567890123456789' END_STREAM");
        assertThat(client.handler.events).contains("writable 1");
        assertThat(client.connection.pendingBytes()).isZero();
    }

    @Test
    void aResetStreamsQueuedDataStopsCountingAsPending() {
        H2TestClient client = client();
        client.handler.responseBody = "z".repeat(100);
        client.settings(Http2Settings.INITIAL_WINDOW_SIZE, 0).get(1, "/").get(3, "/").exchange();
        assertThat(client.connection.pendingBytes()).isEqualTo(200);
        client.rst(1, Http2Error.CANCEL).exchange();
        assertThat(client.connection.pendingBytes()).isEqualTo(100);
        assertThat(client.handler.events).contains("closed 1 CANCEL");
    }

    @Test
    void theConnectionWindowBoundsAllStreams() {
        H2TestClient client = client();
        client.handler.responseBody = "x".repeat(40_000);
        client.settings(Http2Settings.INITIAL_WINDOW_SIZE, 1 << 20).get(1, "/").get(3, "/");
        int sent = client.exchange().stream().filter(f -> f.startsWith("DATA")).mapToInt(f -> f.indexOf("'", 8) - f.indexOf("'") - 1).sum();
        assertThat(sent).isEqualTo(65_535);
        int more = client.windowUpdate(0, 14_465).exchange().stream().mapToInt(f -> f.indexOf("'", 8) - f.indexOf("'") - 1).sum();
        assertThat(more).isEqualTo(14_465);
    }

    @Test
    void windowOverflowIsAFlowControlError() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.get(1, "/").exchange();
        assertThat(client.windowUpdate(1, Integer.MAX_VALUE).exchange()).containsExactly("RST_STREAM 1 FLOW_CONTROL_ERROR");
        assertThat(client.windowUpdate(0, Integer.MAX_VALUE).exchange())
                .containsExactly("GOAWAY 1 FLOW_CONTROL_ERROR 'WINDOW_UPDATE makes the connection window exceed 2^31-1'");
    }

    @Test
    void aSettingsChangeThatOverflowsAStreamWindowIsAConnectionFlowControlError() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.get(1, "/").windowUpdate(1, Integer.MAX_VALUE - 65_535).exchange();
        assertThat(client.settings(Http2Settings.INITIAL_WINDOW_SIZE, 65_536).exchange()).containsExactly(
                "GOAWAY 1 FLOW_CONTROL_ERROR 'SETTINGS_INITIAL_WINDOW_SIZE makes the window of stream 1 exceed 2^31-1'");
    }

    @Test
    void zeroIncrementsAreProtocolErrors() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.get(1, "/").exchange();
        assertThat(client.raw(FrameReader.WINDOW_UPDATE, 0, 1, "00000000").exchange()).containsExactly("RST_STREAM 1 PROTOCOL_ERROR");
        assertThat(client.raw(FrameReader.WINDOW_UPDATE, 0, 0, "00000000").exchange())
                .containsExactly("GOAWAY 1 PROTOCOL_ERROR 'WINDOW_UPDATE with an increment of 0'");
    }

    @Test
    void dataBeyondTheStreamWindowIsAStreamFlowControlError() {
        H2TestClient client = H2TestClient.connected(CONFIG.withInitialWindowSize(16));
        client.handler.hold = true;
        client.post(1, "/").data(1, "x".repeat(17), false);
        assertThat(client.exchange()).containsExactly("RST_STREAM 1 FLOW_CONTROL_ERROR");
    }

    @Test
    void dataBeyondTheConnectionWindowIsAConnectionFlowControlError() {
        // Stream window and frame size above the connection window, so only the connection's is passed.
        Http2Config config = new Http2Config(128, 100_000, 65_535, 100_000, 16_384, 4096, 1 << 20,
                200, 1_000, 16, 10_000_000_000L, 64 * 1024);
        H2TestClient client = H2TestClient.connected(config);
        client.handler.hold = true;
        client.post(1, "/").raw(FrameReader.DATA, 0, 1, new byte[65_536]);
        assertThat(client.exchange()).containsExactly("GOAWAY 1 FLOW_CONTROL_ERROR 'DATA exceeds the connection window'");
    }

    @Test
    void aStreamWaitingOnlyForTheConnectionWindowIsFoundStalledAfterTheTimeout() {
        H2TestClient client = client();
        client.handler.responseBody = "x".repeat(70_000);
        client.settings(Http2Settings.INITIAL_WINDOW_SIZE, 1 << 20).get(1, "/").exchange();
        assertThat(client.connection.pendingBytes(1)).isEqualTo(70_000 - 65_535);
        long timeout = 1_000_000_000L;
        assertThat(client.connection.stalledStreams(client.nanos, timeout)).isEmpty();
        assertThat(client.connection.stalledStreams(client.nanos + timeout / 2, timeout)).isEmpty();
        assertThat(client.connection.stalledStreams(client.nanos + 2 * timeout, timeout)).containsExactly(1);
    }

    @Test
    void grantsWindowAsBodyIsConsumedButNeverBeyondTheBodyLimit() {
        H2TestClient client = H2TestClient.connected(CONFIG.withInitialWindowSize(1000).withMaxBodySize(2500));
        client.handler.hold = true;
        client.post(1, "/");
        long granted = 1000;
        for (int i = 0; i < 5; i++) {
            client.data(1, "y".repeat(500), false);
            for (String f : client.exchange()) {
                if (f.startsWith("WINDOW_UPDATE 1 ")) {
                    granted += Long.parseLong(f.substring("WINDOW_UPDATE 1 ".length()));
                }
            }
        }
        assertThat(granted).isEqualTo(2500);
        assertThat(client.data(1, "", true).exchange()).isEmpty();
        assertThat(client.handler.events).contains("body 1 '" + "y".repeat(2500) + "'");
    }

    @Test
    void aBodyOverTheLimitGets413AndTheStreamEnds() {
        H2TestClient client = H2TestClient.connected(CONFIG.withMaxBodySize(4));
        client.post(1, "/").data(1, "12345", false);
        assertThat(client.exchange()).containsExactly("HEADERS 1 END_STREAM [:status=413]", "RST_STREAM 1 NO_ERROR");
        assertThat(client.post(3, "/", "content-length: 10").exchange())
                .containsExactly("HEADERS 3 END_STREAM [:status=413]", "RST_STREAM 3 NO_ERROR");
        assertThat(client.handler.events).containsExactly("request 1 POST /", "closed 1 CANCEL");
    }

    // §6.10 header blocks, §4.3 HPACK

    @Test
    void anInterruptedHeaderBlockIsAConnectionProtocolError() {
        H2TestClient client = client();
        byte[] block = client.block(":method: GET", ":scheme: https", ":path: /", ":authority: a");
        client.raw(FrameReader.HEADERS, FrameReader.FLAG_END_STREAM, 1, Arrays.copyOf(block, 2)).ping(1);
        assertThat(client.exchange()).containsExactly(
                "GOAWAY 0 PROTOCOL_ERROR 'Header block of stream 1 interrupted by a frame of type 6'");
    }

    @Test
    void anUnknownFrameTypeInsideAHeaderBlockIsAConnectionProtocolError() {
        H2TestClient client = client();
        byte[] block = client.block(":method: GET", ":scheme: https", ":path: /", ":authority: a");
        client.raw(FrameReader.HEADERS, FrameReader.FLAG_END_STREAM, 1, Arrays.copyOf(block, 2)).raw(0xfa, 0, 1, "00");
        assertThat(client.exchange()).containsExactly(
                "GOAWAY 0 PROTOCOL_ERROR 'Header block of stream 1 interrupted by a frame of type 250'");
    }

    @Test
    void anHpackErrorIsAConnectionCompressionError() {
        H2TestClient client = client();
        client.raw(FrameReader.HEADERS, FrameReader.FLAG_END_HEADERS | FrameReader.FLAG_END_STREAM, 1, "82 86 84 ff");
        assertThat(client.exchange()).containsExactly("GOAWAY 0 COMPRESSION_ERROR 'HPACK header block is truncated'");
    }

    @Test
    void aHeaderListOverTheLimitGets431AndTheConnectionGoesOn() {
        H2TestClient client = H2TestClient.connected(CONFIG.withMaxHeaderListSize(200));
        client.headers(1, true, ":method: GET", ":scheme: https", ":path: /", ":authority: a", "x-big: " + "b".repeat(150));
        assertThat(client.exchange()).containsExactly("HEADERS 1 END_STREAM [:status=431]");
        assertThat(client.get(3, "/").exchange()).containsExactly("HEADERS 3 " + OK_HEADERS, "DATA 3 'ok:' END_STREAM");
    }

    @Test
    void aPeerHeaderTableSizeOfZeroIsSignalledAndNothingIsIndexedAfterIt() {
        H2TestClient client = client();
        client.settings(Http2Settings.HEADER_TABLE_SIZE, 0).get(1, "/").get(3, "/").connection.receive(
                ByteBuffer.wrap(client.takePending()));
        List<String> frames = FrameFeeding.feed(Http2Settings.MAX_MAX_FRAME_SIZE, List.of(client.connection.drain()));
        // A decoder whose table holds nothing: a reference to an indexed entry would fail it.
        HpackDecoder zero = new HpackDecoder(0, Integer.MAX_VALUE);
        List<String> blocks = new ArrayList<>();
        for (String frame : frames) {
            if (frame.startsWith("HEADERS ")) {
                byte[] block = frame.substring(frame.indexOf('\'') + 1, frame.lastIndexOf('\'')).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                blocks.add(String.format("%02x", block[0]));
                List<String> fields = new ArrayList<>();
                zero.decode(ByteBuffer.wrap(block), (n, v) -> fields.add(n + "=" + v));
                assertThat(fields).containsExactly(":status=200", "content-type=text/plain");
            }
        }
        // The first response block opens with a dynamic table size update to 0 (0x20), the second needs none.
        assertThat(blocks).containsExactly("20", "88");
    }

    @Test
    void connectionSpecificResponseFieldsAreNotSent() {
        H2TestClient client = client();
        client.handler.hold = true;
        client.get(1, "/").exchange();
        client.connection.respond(1, 200, new dev.house.core.http.HttpHeaders().add("Connection", "close")
                .add("Keep-Alive", "timeout=5").add("Proxy-Connection", "close").add("Transfer-Encoding", "chunked")
                .add("Upgrade", "h2c").add("X-Kept", "yes"), true);
        assertThat(client.serverFrames()).containsExactly("HEADERS 1 END_STREAM [:status=200, x-kept=yes]");
    }

    // §8.2, §8.3 malformed requests: a stream error, never a response

    private static void assertMalformed(String problem, String... fields) {
        H2TestClient client = client();
        assertThat(client.headers(1, true, fields).exchange()).as(problem).containsExactly("RST_STREAM 1 PROTOCOL_ERROR");
        assertThat(client.handler.events).as(problem).containsExactly("streamError 1 PROTOCOL_ERROR: Malformed request: " + problem);
        // The connection is still fine.
        assertThat(client.get(3, "/").exchange()).containsExactly("HEADERS 3 " + OK_HEADERS, "DATA 3 'ok:' END_STREAM");
    }

    @Test
    void uppercaseFieldNamesAreMalformed() {
        assertMalformed("Field name X-Upper is not lowercase", ":method: GET", ":scheme: https", ":path: /", ":authority: a", "X-Upper: 1");
    }

    @Test
    void pseudoHeadersAfterRegularFieldsAreMalformed() {
        assertMalformed("Pseudo-header :path after a regular field", ":method: GET", ":scheme: https", ":authority: a", "accept: */*", ":path: /");
    }

    @Test
    void responseAndUnknownPseudoHeadersAreMalformed() {
        assertMalformed("Pseudo-header :status is not a request pseudo-header", ":method: GET", ":scheme: https", ":path: /", ":status: 200");
        assertMalformed("Pseudo-header :protocol is not a request pseudo-header", ":method: GET", ":scheme: https", ":path: /", ":protocol: websocket");
    }

    @Test
    void duplicatePseudoHeadersAreMalformed() {
        assertMalformed("Pseudo-header :path appears more than once", ":method: GET", ":scheme: https", ":path: /", ":path: /b", ":authority: a");
    }

    @Test
    void missingPseudoHeadersAreMalformed() {
        assertMalformed("Missing :method", ":scheme: https", ":path: /", ":authority: a");
        assertMalformed("Missing :scheme", ":method: GET", ":path: /", ":authority: a");
        assertMalformed("Missing :path", ":method: GET", ":scheme: https", ":authority: a");
        assertMalformed("Missing :path", ":method: GET", ":scheme: https", ":path: ", ":authority: a");
        assertMalformed("Missing :authority and host", ":method: GET", ":scheme: https", ":path: /");
        assertMalformed("Invalid :path", ":method: GET", ":scheme: https", ":path: index.html", ":authority: a");
    }

    @Test
    void anAuthorityWithUserinfoIsMalformed() {
        assertMalformed("Invalid :authority", ":method: GET", ":scheme: https", ":path: /", ":authority: user@example.com");
    }

    @Test
    void hostMustMatchTheAuthority() {
        assertMalformed("host differs from :authority", ":method: GET", ":scheme: https", ":path: /", ":authority: a", "host: b");
    }

    @Test
    void aHostFieldStandsInForAMissingAuthority() {
        H2TestClient client = client();
        client.headers(1, true, ":method: GET", ":scheme: https", ":path: /", "host: h.example");
        assertThat(client.exchange()).containsExactly("HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:' END_STREAM");
        assertThat(client.handler.requests.get(1).authority()).isEqualTo("h.example");
        assertThat(client.handler.requests.get(1).headers().get("host")).isEqualTo("h.example");
    }

    @Test
    void connectionSpecificFieldsAreMalformed() {
        for (String name : List.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade")) {
            assertMalformed("Connection-specific field " + name + " is not allowed in HTTP/2",
                    ":method: GET", ":scheme: https", ":path: /", ":authority: a", name + ": x");
        }
    }

    @Test
    void teMayOnlyBeTrailers() {
        assertMalformed("Field te may only be trailers in HTTP/2", ":method: GET", ":scheme: https", ":path: /", ":authority: a", "te: gzip");
        H2TestClient client = client();
        client.headers(1, true, ":method: GET", ":scheme: https", ":path: /", ":authority: a", "te: trailers");
        assertThat(client.exchange()).containsExactly("HEADERS 1 " + OK_HEADERS, "DATA 1 'ok:' END_STREAM");
    }

    @Test
    void fieldValuesWithLineBreaksAreMalformed() {
        assertMalformed("Field x-a has a value with NUL, CR, LF or leading/trailing whitespace",
                ":method: GET", ":scheme: https", ":path: /", ":authority: a", "x-a: 1\r\nx-b: 2");
    }

    @Test
    void contentLengthMustMatchTheData() {
        assertMalformed("content-length 3 but no DATA", ":method: POST", ":scheme: https", ":path: /", ":authority: a", "content-length: 3");

        H2TestClient more = client();
        assertThat(more.post(1, "/", "content-length: 3").data(1, "abcd", true).exchange()).containsExactly("RST_STREAM 1 PROTOCOL_ERROR");
        assertThat(more.handler.events).contains("streamError 1 PROTOCOL_ERROR: DATA of 4 octets does not match content-length 3");

        H2TestClient fewer = client();
        assertThat(fewer.post(1, "/", "content-length: 3").data(1, "ab", true).exchange()).containsExactly("RST_STREAM 1 PROTOCOL_ERROR");
        assertThat(fewer.handler.events).contains("streamError 1 PROTOCOL_ERROR: DATA of 2 octets does not match content-length 3");
    }

    @Test
    void trailersWithPseudoHeadersOrWithoutEndStreamAreStreamErrors() {
        H2TestClient client = client();
        client.post(1, "/").data(1, "a", false).headers(1, true, ":path: /x");
        assertThat(client.exchange()).containsExactly("RST_STREAM 1 PROTOCOL_ERROR");
        client.post(3, "/").data(3, "a", false).headers(3, false, "x-t: 1");
        assertThat(client.exchange()).containsExactly("RST_STREAM 3 PROTOCOL_ERROR");
        assertThat(client.handler.events).contains(
                "streamError 1 PROTOCOL_ERROR: Malformed trailers: Pseudo-header :path in trailers",
                "streamError 3 PROTOCOL_ERROR: Trailers on stream 3 without END_STREAM");
    }

    // Limits (issue #14)

    @Test
    void rapidResetGetsGoAwayEnhanceYourCalm() {
        H2TestClient client = H2TestClient.connected(CONFIG.withMaxResetsPerWindow(10));
        client.handler.hold = true;
        for (int i = 0; i < 11; i++) {
            client.get(1 + 2 * i, "/").rst(1 + 2 * i, Http2Error.CANCEL);
        }
        assertThat(client.exchange()).containsExactly("GOAWAY 21 ENHANCE_YOUR_CALM 'Too many stream resets'");
    }

    @Test
    void resetsSpreadOverTime() {
        H2TestClient client = H2TestClient.connected(CONFIG.withMaxResetsPerWindow(10));
        client.handler.hold = true;
        for (int i = 0; i < 30; i++) {
            client.get(1 + 2 * i, "/").rst(1 + 2 * i, Http2Error.CANCEL);
            client.nanos += 2_000_000_000L;
            assertThat(client.exchange()).isEmpty();
        }
    }

    @Test
    void streamErrorsWeResetForCountAsResetsToo() {
        H2TestClient client = H2TestClient.connected(CONFIG.withMaxResetsPerWindow(10));
        for (int i = 0; i < 11; i++) {
            client.headers(1 + 2 * i, true, ":method: GET", ":scheme: https", ":path: /", ":authority: a", "connection: x");
        }
        assertThat(client.exchange()).endsWith("GOAWAY 21 ENHANCE_YOUR_CALM 'Too many stream resets'");
    }

    @Test
    void aContinuationFloodIsBoundedByTheHeaderListLimit() {
        H2TestClient client = client();
        client.raw(FrameReader.HEADERS, 0, 1, new byte[1024]);
        for (int i = 0; i < 100; i++) {
            client.raw(FrameReader.CONTINUATION, 0, 1, new byte[1024]);
        }
        assertThat(client.exchange()).containsExactly(
                "GOAWAY 0 ENHANCE_YOUR_CALM 'Header block of stream 1 exceeds SETTINGS_MAX_HEADER_LIST_SIZE 16384'");
    }

    @Test
    void emptyContinuationAndEmptyDataFloodsEndTheConnection() {
        H2TestClient continuations = client();
        continuations.raw(FrameReader.HEADERS, 0, 1, new byte[] {(byte) 0x82});
        for (int i = 0; i < 17; i++) {
            continuations.raw(FrameReader.CONTINUATION, 0, 1, new byte[0]);
        }
        assertThat(continuations.exchange()).containsExactly("GOAWAY 0 ENHANCE_YOUR_CALM 'Too many empty frames'");

        H2TestClient data = client();
        data.handler.hold = true;
        data.post(1, "/");
        for (int i = 0; i < 17; i++) {
            data.data(1, "", false);
        }
        assertThat(data.exchange()).containsExactly("GOAWAY 1 ENHANCE_YOUR_CALM 'Too many empty frames'");
    }

    @Test
    void settingsPingAndWindowUpdateFloodsEndTheConnection() {
        Http2Config config = CONFIG.withMaxControlFramesPerWindow(50);
        H2TestClient settings = H2TestClient.connected(config);
        for (int i = 0; i < 60; i++) {
            settings.settings();
        }
        assertThat(settings.exchange()).endsWith("GOAWAY 0 ENHANCE_YOUR_CALM 'Too many control frames'");

        H2TestClient pings = H2TestClient.connected(config);
        for (int i = 0; i < 60; i++) {
            pings.ping(i);
        }
        assertThat(pings.exchange()).endsWith("GOAWAY 0 ENHANCE_YOUR_CALM 'Too many control frames'");

        H2TestClient updates = H2TestClient.connected(config);
        for (int i = 0; i < 60; i++) {
            updates.windowUpdate(0, 1);
        }
        assertThat(updates.exchange()).containsExactly("GOAWAY 0 ENHANCE_YOUR_CALM 'Too many control frames'");

        H2TestClient slow = H2TestClient.connected(config);
        List<String> acks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            slow.nanos += 1_000_000_000L;
            acks.addAll(slow.ping(i).exchange());
        }
        assertThat(acks).hasSize(200).allMatch(f -> f.startsWith("PING ACK"));
    }

    @Test
    void aPeerThatDoesNotReadTheAcksItAsksForIsCut() {
        Http2Config smallBuffer = new Http2Config(128, 65_535, 1 << 20, 16_384, 16_384, 4096, 1 << 20,
                200, 1_000, 16, 10_000_000_000L, 1024);
        H2TestClient client = new H2TestClient(smallBuffer);
        client.preface().settings();
        for (int i = 0; i < 200; i++) {
            client.ping(i);
        }
        // Nothing is drained while the pings are read: 200 acks of 17 bytes pass twice the high-water mark.
        assertThat(client.exchange()).endsWith("GOAWAY 0 ENHANCE_YOUR_CALM 'Peer does not read the frames it asks for'");
    }

    @Test
    void anHpackBombIsCountedByDecodedSize() {
        H2TestClient client = client();
        // One 4,000-octet entry referenced 100 times: about 4 KB on the wire, 400 KB decoded.
        String big = "b".repeat(4000);
        String[] fields = new String[105];
        fields[0] = ":method: GET";
        fields[1] = ":scheme: https";
        fields[2] = ":path: /";
        fields[3] = ":authority: a";
        for (int i = 4; i < fields.length; i++) {
            fields[i] = "x-bomb: " + big;
        }
        byte[] encoded = client.block(fields);
        assertThat(encoded.length).isLessThan(4300);
        client.raw(FrameReader.HEADERS, FrameReader.FLAG_END_HEADERS | FrameReader.FLAG_END_STREAM, 1, encoded);
        assertThat(client.exchange()).containsExactly("HEADERS 1 END_STREAM [:status=431]");
        assertThat(client.handler.events).containsExactly("streamError 1 NO_ERROR: Header list exceeds SETTINGS_MAX_HEADER_LIST_SIZE 16384");
    }
}
