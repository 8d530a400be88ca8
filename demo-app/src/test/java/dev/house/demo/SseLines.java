package dev.house.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An SSE client over the JDK's HTTP client, as {@code curl -N} would be: the response's lines
 * are queued as they arrive, and tests take whole events with a deadline.
 */
final class SseLines implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> reader;

    private SseLines(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
    }

    /** Opens {@code uri} and returns once the response head has arrived. */
    static SseLines open(HttpClient client, URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").build();
        return new SseLines(client.send(request, HttpResponse.BodyHandlers.ofLines()));
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    /**
     * The next event carrying data: its {@code field: value} lines up to the blank line that ends
     * it (a {@code retry:} hint or a heartbeat comment alone is skipped).
     *
     * @throws AssertionError when none arrives in time
     */
    List<String> nextEvent() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<String> event = new ArrayList<>();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no SSE event within " + PATIENCE + "; partial event " + event);
            }
            if (!line.isEmpty()) {
                event.add(line);
            } else if (event.stream().anyMatch(field -> field.startsWith("data:"))) {
                return event;
            } else {
                event.clear();
            }
        }
    }

    /** The value of {@code field} in {@code event}, e.g. {@code data} or {@code id}. */
    static String field(List<String> event, String field) {
        for (String line : event) {
            if (line.startsWith(field + ": ")) {
                return line.substring(field.length() + 2);
            }
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no '" + field + "' in event " + event);
    }

    @Override
    public void close() {
        reader.cancel(true);
        response.body().close();
    }
}
