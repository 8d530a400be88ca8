package dev.house.bench.micro;

import dev.house.core.http.HttpLimits;
import dev.house.core.http1.RequestParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * House's request parser over a realistic header set: what a browser sends for a page (a dozen
 * fields, ~700 bytes), the smallest curl-like request, and a POST with a form body. Reports
 * requests/s and, as the {@code bytes} counter, bytes/s. The whole input is fed at once, as a
 * socket read delivers it; {@code pipelined} puts 16 requests in one buffer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestParserBenchmark {
    static final String BROWSER = "GET /rooms/lobby/messages?since=1700000000&limit=50 HTTP/1.1\r\n"
            + "Host: chat.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Referer: https://chat.example.com/rooms/lobby\r\n"
            + "Connection: keep-alive\r\n"
            + "Cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark; lang=en\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "Sec-Fetch-Dest: document\r\n"
            + "Sec-Fetch-Mode: navigate\r\n"
            + "Sec-Fetch-Site: same-origin\r\n"
            + "Priority: u=0, i\r\n"
            + "\r\n";
    static final String CURL = "GET /hello HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n";
    static final String FORM_POST = "POST /send-message HTTP/1.1\r\n"
            + "Host: chat.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: */*\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: 56\r\n"
            + "Origin: https://chat.example.com\r\n"
            + "Cookie: session=8f14e45fceea167a5a36dedd4bea2543\r\n"
            + "\r\n"
            + "room=lobby&name=alice&message=hello+everyone%2C+how+are+";

    @Param({"browser", "curl", "form-post"})
    public String request;

    @Param({"1", "16"})
    public int pipelined;

    private ByteBuffer input;
    private RequestParser parser;

    /** Bytes parsed, reported by JMH per second next to the operations. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Bytes {
        public long bytes;

        @Setup(Level.Iteration)
        public void clear() {
            bytes = 0;
        }
    }

    @Setup
    public void setUp() {
        String one = switch (request) {
            case "browser" -> BROWSER;
            case "curl" -> CURL;
            case "form-post" -> FORM_POST;
            default -> throw new IllegalArgumentException(request);
        };
        input = ByteBuffer.wrap(one.repeat(pipelined).getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        parser = new RequestParser(HttpLimits.defaults());
    }

    /** Parses every request in the buffer; one operation is one buffer. */
    @Benchmark
    public void parse(Bytes counter, Blackhole bh) {
        ByteBuffer in = input.duplicate();
        int parsed = 0;
        for (;;) {
            RequestParser.Result r = parser.parse(in);
            if (r == RequestParser.Result.COMPLETE) {
                bh.consume(parser.request());
                parser.reset();
                parsed++;
                if (!in.hasRemaining()) {
                    break;
                }
            } else if (r == RequestParser.Result.ERROR) {
                throw new IllegalStateException("parser refused the benchmark input: " + parser.error());
            } else if (r == RequestParser.Result.NEED_MORE) {
                break;
            }
        }
        if (parsed != pipelined) {
            throw new IllegalStateException("parsed " + parsed + " of " + pipelined);
        }
        counter.bytes += input.remaining();
    }
}
