package dev.house.spring.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A real SSE client for tests: subscribes over loopback and reads the stream's lines as they come. */
public final class SseProbe implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final HttpResponse<Stream<String>> response;
    private final Iterator<String> lines;

    private SseProbe(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.lines = response.body().iterator();
    }

    public static SseProbe open(int port, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Accept", "text/event-stream")
                .build();
        return new SseProbe(CLIENT.send(request, HttpResponse.BodyHandlers.ofLines()));
    }

    public HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The next line starting with {@code prefix}, failing after five seconds. */
    public String nextLineStartingWith(String prefix) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            throw new IllegalStateException("stream ended before a line starting with " + prefix);
        }).get(5, TimeUnit.SECONDS);
    }

    /** Whether the server ends the stream (after any remaining lines) within five seconds. */
    public boolean endsWithin() throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            while (lines.hasNext()) {
                lines.next();
            }
            return true;
        }).get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        response.body().close();
    }
}
