package dev.house.spring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * An open server-sent event stream in a test: events are read on a thread of their own as they
 * arrive, and {@link #awaitEvent} waits for the one a test expects. Close it when done (it is
 * {@link AutoCloseable}); {@link #reconnect()} resumes after the last event received, with
 * {@code Last-Event-ID}, as a browser does.
 */
public final class SseSubscription implements AutoCloseable {

    private final Stream<String> lines;
    private final BlockingQueue<ServerSentEvent> arrived = new LinkedBlockingQueue<>();
    private final List<ServerSentEvent> seen = new ArrayList<>();
    private final Function<String, HouseTestClient.SseSpec> resume;
    private volatile @Nullable String lastEventId;
    private volatile boolean ended;

    private SseSubscription(Stream<String> lines, Function<String, HouseTestClient.SseSpec> resume) {
        this.lines = lines;
        this.resume = resume;
    }

    static SseSubscription open(HttpClient http, HttpRequest request,
                                Function<String, HouseTestClient.SseSpec> resume) {
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError("opening " + request.uri() + " was interrupted", ex);
        } catch (IOException ex) {
            throw new AssertionError("opening " + request.uri() + " failed: " + ex, ex);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
            String body;
            try (Stream<String> lines = response.body()) {
                body = String.join("\n", lines.limit(20).toList());
            }
            throw new AssertionError("expected an event stream from " + request.uri() + " but got "
                    + response.statusCode() + " " + type + ": " + body);
        }
        SseSubscription subscription = new SseSubscription(response.body(), resume);
        Thread reader = new Thread(subscription::read, "house-test-sse " + request.uri().getPath());
        reader.setDaemon(true);
        reader.start();
        return subscription;
    }

    /**
     * Waits for the first event, among those not yet awaited, that {@code condition} accepts,
     * failing after {@code timeout} with the events that did arrive.
     */
    public ServerSentEvent awaitEvent(Predicate<ServerSentEvent> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            ServerSentEvent event;
            try {
                event = left <= 0 ? null : arrived.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for an event", ex);
            }
            if (event == null) {
                throw new AssertionError("no matching event within " + timeout + (ended ? " (the stream ended)" : "")
                        + "; received: " + events());
            }
            if (condition.test(event)) {
                return event;
            }
        }
    }

    /** Every event received so far, in order. */
    public List<ServerSentEvent> events() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    /** The id of the last event received that had one, or {@code null}. */
    public @Nullable String lastEventId() {
        return lastEventId;
    }

    /** Closes this stream and opens it again, resuming after {@link #lastEventId()}. */
    public SseSubscription reconnect() {
        String id = lastEventId;
        close();
        if (id == null) {
            throw new AssertionError("no event with an id was received, so there is nothing to resume after");
        }
        return resume.apply(id).open();
    }

    @Override
    public void close() {
        lines.close();
    }

    /** Parses the stream as the HTML standard says: fields until a blank line dispatch an event. */
    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null) {
                        ServerSentEvent received = new ServerSentEvent(id, event, data.toString());
                        if (id != null) {
                            lastEventId = id;
                        }
                        synchronized (seen) {
                            seen.add(received);
                        }
                        arrived.add(received);
                    }
                    id = null;
                    event = null;
                    data = null;
                    continue;
                }
                if (line.startsWith(":")) {
                    continue; // a comment: heartbeats
                }
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1);
                if (value.startsWith(" ")) {
                    value = value.substring(1);
                }
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // retry: and unknown fields do not make events
                    }
                }
            }
        } catch (UncheckedIOException | IllegalStateException ex) {
            // Closed by the test or by the server: the stream ends.
        } finally {
            ended = true;
        }
    }
}
