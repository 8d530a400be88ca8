package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.GET;
import static dev.house.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.http.Response;
import dev.house.core.testing.TestServers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The decoding rules over real sockets: the parameter limit, one strict rule for text whatever
 * its source, and HEAD never running a GET route declared unsafe.
 */
class DecodingRulesSocketTest {
    private static final AtomicInteger SENT = new AtomicInteger();
    private static HouseServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        List<Param<?>> message = List.of(Param.of("message", ParamTypes.STRING).optional());
        Router router = Router.builder()
                .get("/ping", r -> Response.text("pong"))
                .json(GET, "/echo", message, args -> Map.of("message", String.valueOf(args.get("message"))))
                .json(POST, "/echo", message, args -> Map.of("message", String.valueOf(args.get("message"))))
                .endpoint(Endpoint.of(GET, "/send").params(message).unsafe().json(args -> {
                    SENT.incrementAndGet();
                    return Map.of("sent", true);
                }))
                .build();
        server = TestServers.start(router);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        return http.send(http.request("/echo").header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static byte[] bytes(int... b) {
        byte[] out = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = (byte) b[i];
        }
        return out;
    }

    private static byte[] concat(String a, byte[] b, String c) {
        byte[] x = a.getBytes(StandardCharsets.US_ASCII);
        byte[] z = c.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[x.length + b.length + z.length];
        System.arraycopy(x, 0, out, 0, x.length);
        System.arraycopy(b, 0, out, x.length, b.length);
        System.arraycopy(z, 0, out, x.length + b.length, z.length);
        return out;
    }

    @Test
    void aMegabyteOfEmptyFormPairsIsRefusedQuicklyNamingTheLimitAndTheServerStaysResponsive() throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = post("application/x-www-form-urlencoded",
                "a&".repeat(500_000).getBytes(StandardCharsets.US_ASCII));
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("More than 1000 parameters in the form body (the max-parameter-count limit)");
        // Generous: the quadratic decoder took seconds of CPU for this body; linear takes milliseconds.
        assertThat(millis).isLessThan(3_000);
        assertThat(http.get("/ping").body()).isEqualTo("pong");
    }

    @Test
    void theLimitItselfIsAccepted() throws Exception {
        HttpResponse<String> response = post("application/x-www-form-urlencoded",
                ("a&".repeat(999) + "message=ok").getBytes(StandardCharsets.US_ASCII));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"message\":\"ok\"}");
    }

    @Test
    void aQueryPastTheLimitIs400NamingIt() throws Exception {
        HttpResponse<String> response = http.get("/echo?" + "a&".repeat(1001));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("More than 1000 parameters in the query string");
    }

    @ParameterizedTest(name = "query %{0} is 400 naming the parameter")
    @ValueSource(strings = {"C0%AF", "ED%A0%80", "F4%90%80%80", "E2%82"})
    void malformedUtf8InTheQueryIs400NamingTheParameter(String escape) throws Exception {
        HttpResponse<String> response = http.get("/echo?message=%" + escape);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Invalid UTF-8 in query string parameter 'message'");
    }

    @Test
    void malformedUtf8InAFormBodyIs400NamingTheParameter() throws Exception {
        for (byte[] bad : List.of(bytes(0xc0, 0xaf), bytes(0xed, 0xa0, 0x80), bytes(0xf4, 0x90, 0x80, 0x80),
                bytes(0xe2, 0x82))) {
            HttpResponse<String> raw = post("application/x-www-form-urlencoded", concat("message=", bad, ""));
            assertThat(raw.statusCode()).isEqualTo(400);
            assertThat(raw.body()).contains("Invalid UTF-8 in form body parameter 'message'");
        }
        HttpResponse<String> escaped = post("application/x-www-form-urlencoded",
                "message=%C0%AF".getBytes(StandardCharsets.US_ASCII));
        assertThat(escaped.statusCode()).isEqualTo(400);
        assertThat(escaped.body()).contains("Invalid UTF-8 in form body parameter 'message'");
    }

    @Test
    void aFormBodyInUtf8OrLatin1IsDecoded() throws Exception {
        assertThat(post("application/x-www-form-urlencoded; charset=utf-8",
                "message=J\u00fcrgen".getBytes(StandardCharsets.UTF_8)).body()).isEqualTo("{\"message\":\"J\u00fcrgen\"}");
        assertThat(post("application/x-www-form-urlencoded; charset=ISO-8859-1",
                "message=J\u00fcrgen".getBytes(StandardCharsets.ISO_8859_1)).body())
                .isEqualTo("{\"message\":\"J\u00fcrgen\"}");
    }

    @ParameterizedTest(name = "a form body in {0} is 415 naming the charset")
    @ValueSource(strings = {"IBM037", "UTF-16LE"})
    void aFormBodyInAnotherCharsetIs415NamingIt(String charset) throws Exception {
        HttpResponse<String> response = post("application/x-www-form-urlencoded; charset=" + charset,
                "message=x".getBytes(java.nio.charset.Charset.forName(charset)));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("Unsupported charset " + charset);
    }

    @Test
    void malformedUtf8InAJsonBodyIs400NamingTheBody() throws Exception {
        for (byte[] bad : List.of(bytes(0xc0, 0xaf), bytes(0xed, 0xa0, 0x80), bytes(0xf4, 0x90, 0x80, 0x80),
                bytes(0xe2, 0x82))) {
            HttpResponse<String> response = post("application/json", concat("{\"message\":\"", bad, "\"}"));
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("Invalid UTF-8 in the JSON body");
        }
    }

    @Test
    void anEscapedLoneSurrogateInJsonIs400ButAPairIsText() throws Exception {
        HttpResponse<String> lone = post("application/json",
                "{\"message\":\"\\ud800x\"}".getBytes(StandardCharsets.US_ASCII));
        assertThat(lone.statusCode()).isEqualTo(400);
        assertThat(lone.body()).contains("Invalid UTF-8 in the JSON body: an escaped lone surrogate");

        HttpResponse<String> pair = post("application/json",
                "{\"message\":\"\\ud83d\\ude00\"}".getBytes(StandardCharsets.US_ASCII));
        assertThat(pair.statusCode()).isEqualTo(200);
        assertThat(pair.body()).isEqualTo("{\"message\":\"\ud83d\ude00\"}");
    }

    @Test
    void jsonInAnotherCharsetIs415() throws Exception {
        HttpResponse<String> response = post("application/json; charset=UTF-16LE",
                "{\"message\":\"x\"}".getBytes(StandardCharsets.UTF_16LE));
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("JSON must be UTF-8 (RFC 8259); the body declares charset UTF-16LE");
    }

    @Test
    void malformedUtf8InAMultipartFieldIs400NamingTheField() throws Exception {
        String boundary = "b0undary";
        byte[] body = concat("--" + boundary + "\r\nContent-Disposition: form-data; name=\"message\"\r\n\r\n",
                bytes(0xc0, 0xaf), "\r\n--" + boundary + "--\r\n");
        HttpResponse<String> response = post("multipart/form-data; boundary=" + boundary, body);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Invalid UTF-8 in multipart part 1, parameter 'message'");
    }

    @Test
    void headToAnUnsafeGetRouteIs405AndDoesNotRunIt() throws Exception {
        int before = SENT.get();
        HttpResponse<String> head = http.method("HEAD", "/send?message=hello");
        assertThat(head.statusCode()).isEqualTo(405);
        assertThat(head.headers().firstValue("Allow")).hasValue("GET");
        assertThat(SENT.get()).isEqualTo(before);

        assertThat(http.get("/send?message=hello").statusCode()).isEqualTo(200);
        assertThat(SENT.get()).isEqualTo(before + 1);
    }

    @Test
    void headToASafeGetRouteIsStillAnswered() throws Exception {
        HttpResponse<String> head = http.method("HEAD", "/ping");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }
}
