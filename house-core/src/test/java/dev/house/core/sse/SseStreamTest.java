package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private SseServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private SseClient subscribed(String channel) throws Exception {
        SseClient c = SseClient.open(server.port(), "/events?channel=" + channel);
        assertThat(c.awaitHead(WAIT)).isEqualTo(200);
        assertThat(Poll.until(WAIT, () -> server.subscribers(channel) >= 1)).isTrue();
        return c;
    }

    @Test
    void answersWithEventStreamHeadersAndNoLength() throws Exception {
        server = SseServer.start(b -> b);
        try (SseClient c = SseClient.open(server.port(), "/events?channel=lobby")) {
            assertThat(c.awaitHead(WAIT)).isEqualTo(200);
            assertThat(c.headers())
                    .containsEntry("content-type", "text/event-stream; charset=utf-8")
                    .containsEntry("cache-control", "no-cache")
                    .containsEntry("x-accel-buffering", "no")
                    .containsEntry("transfer-encoding", "chunked")
                    .doesNotContainKeys("content-length", "content-encoding");
        }
    }

    @Test
    void sendsConfiguredRetryHintFirst() throws Exception {
        server = SseServer.start(b -> b.retry(Duration.ofMillis(1500)));
        try (SseClient c = SseClient.open(server.port(), "/events?channel=lobby")) {
            SseParser.Event first = c.next(WAIT);
            assertThat(first.retry()).isEqualTo(1500L);
            assertThat(first.data()).isNull();
        }
    }

    @Test
    void omitsRetryHintWhenDisabled() throws Exception {
        server = SseServer.start(b -> b.retryOnOpen(false));
        try (SseClient c = subscribed("lobby")) {
            server.sse.publish("lobby", "x");
            assertThat(c.next(WAIT).data()).isEqualTo("x");
        }
    }

    @Test
    void deliversPublishedEventWithBrokerIdAndName() throws Exception {
        server = SseServer.start(b -> b);
        try (SseClient c = subscribed("lobby")) {
            EventId id = server.sse.publish("lobby", SseEvent.named("chat", "hi"));
            SseParser.Event e = c.dataEvents(1, WAIT).get(0);
            assertThat(e.id()).isEqualTo(id.toString());
            assertThat(e.name()).isEqualTo("chat");
            assertThat(e.data()).isEqualTo("hi");
        }
    }

    @Test
    void multiLineUnicodeDataArrivesIntact() throws Exception {
        server = SseServer.start(b -> b);
        try (SseClient c = subscribed("lobby")) {
            server.sse.publish("lobby", "line one\r\nzwei \u00fc\rdrei \u4e16\n\uD83D\uDE00");
            assertThat(c.dataEvents(1, WAIT).get(0).data()).isEqualTo("line one\nzwei \u00fc\ndrei \u4e16\n\uD83D\uDE00");
        }
    }

    @Test
    void http10ClientGetsCloseDelimitedStream() throws Exception {
        server = SseServer.start(b -> b);
        try (SseClient c = SseClient.openWith(server.port(), "HTTP/1.0", "/events?channel=lobby")) {
            assertThat(c.awaitHead(WAIT)).isEqualTo(200);
            assertThat(c.headers()).doesNotContainKeys("transfer-encoding", "content-length");
            assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 1)).isTrue();
            server.sse.publish("lobby", "old client");
            assertThat(c.dataEvents(1, WAIT).get(0).data()).isEqualTo("old client");
        }
    }

    @Test
    void subscribesOneStreamToSeveralChannels() throws Exception {
        server = SseServer.start(b -> b);
        try (SseClient c = SseClient.open(server.port(), "/events?channel=a&channel=b")) {
            assertThat(c.awaitHead(WAIT)).isEqualTo(200);
            assertThat(Poll.until(WAIT, () -> server.subscribers("a") == 1 && server.subscribers("b") == 1)).isTrue();
            server.sse.publish("a", "from a");
            server.sse.publish("b", "from b");
            assertThat(c.dataEvents(2, WAIT)).extracting(SseParser.Event::data).containsExactly("from a", "from b");
        }
    }

    @Test
    void handlerOnEventLoopCanSubscribe() throws Exception {
        server = SseServer.start(b -> b);
        try (SseClient c = SseClient.open(server.port(), "/loop-events?channel=lobby")) {
            assertThat(c.awaitHead(WAIT)).isEqualTo(200);
            assertThat(Poll.until(WAIT, () -> server.subscribers("lobby") == 1)).isTrue();
            server.sse.publish("lobby", "x");
            assertThat(c.dataEvents(1, WAIT).get(0).data()).isEqualTo("x");
        }
    }

    @Test
    void channelLessStreamCarriesHandlerEvents() throws Exception {
        server = SseServer.start(b -> b);
        try (SseClient c = SseClient.open(server.port(), "/solo")) {
            SseParser.Event e = c.dataEvents(1, WAIT).get(0);
            assertThat(e.name()).isEqualTo("hello");
            assertThat(e.data()).isEqualTo("just you");
        }
    }

    @Test
    void rejectsInvalidChannelNameWith400() throws Exception {
        server = SseServer.start(b -> b);
        try (SseClient c = SseClient.open(server.port(), "/events?channel=bad%20name")) {
            assertThat(c.awaitHead(WAIT)).isEqualTo(400);
            assertThat(c.errorBody(WAIT)).contains("channel name").doesNotContain("bad name");
        }
        assertThat(server.sse.channels()).isEmpty();
    }

    @Test
    void rejectsTooLongChannelNameWith400() throws Exception {
        server = SseServer.start(b -> b.maxChannelNameLength(8));
        try (SseClient c = SseClient.open(server.port(), "/events?channel=abcdefghi")) {
            assertThat(c.awaitHead(WAIT)).isEqualTo(400);
        }
    }

    @Test
    void rejectsMissingChannelWith400() throws Exception {
        server = SseServer.start(b -> b);
        try (SseClient c = SseClient.open(server.port(), "/events")) {
            assertThat(c.awaitHead(WAIT)).isEqualTo(400);
            assertThat(c.errorBody(WAIT)).contains("At least one channel");
        }
    }

    @Test
    void rejectsTooManyChannelsWith400() throws Exception {
        server = SseServer.start(b -> b.maxChannelsPerStream(2));
        try (SseClient c = SseClient.open(server.port(), "/events?channel=a&channel=b&channel=c")) {
            assertThat(c.awaitHead(WAIT)).isEqualTo(400);
            assertThat(c.errorBody(WAIT)).contains("Too many channels");
        }
    }

    @Test
    void refusesUnauthorizedSubscriptionWith403() throws Exception {
        SseChannels sse = SseChannels.builder()
                .authorizer((request, channel) -> !channel.startsWith("admin"))
                .build();
        server = new SseServer(sse);
        try (SseClient c = SseClient.open(server.port(), "/events?channel=lobby&channel=admin.audit")) {
            assertThat(c.awaitHead(WAIT)).isEqualTo(403);
            assertThat(c.errorBody(WAIT)).contains("Not allowed");
        }
        assertThat(sse.channels()).isEmpty();
    }

    @Test
    void authorizerSeesTheRequest() throws Exception {
        SseChannels sse = SseChannels.builder()
                .authorizer((request, channel) -> "letmein".equals(request.header("X-Token")))
                .build();
        server = new SseServer(sse);
        try (SseClient c = SseClient.open(server.port(), "/events?channel=lobby", "X-Token: letmein")) {
            assertThat(c.awaitHead(WAIT)).isEqualTo(200);
        }
    }

    @Test
    void publishRejectsInvalidChannelName() {
        server = SseServer.start(b -> b);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> server.sse.publish("no spaces", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publishRejectsEventCarryingItsOwnId() {
        server = SseServer.start(b -> b);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                server.sse.publish("lobby", SseEvent.builder().id("mine").data("x").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listsChannelsWithCounts() throws Exception {
        server = SseServer.start(b -> b);
        try (SseClient c = subscribed("lobby")) {
            server.sse.publish("lobby", "x");
            server.sse.publish("news", "y");
            c.dataEvents(1, WAIT);
            assertThat(Poll.until(WAIT, () -> server.sse.channels().get(0).delivered() == 1)).isTrue();
            List<ChannelStats> channels = server.sse.channels();
            assertThat(channels).extracting(ChannelStats::name).containsExactly("lobby", "news");
            assertThat(channels.get(0)).isEqualTo(new ChannelStats("lobby", 1, 1, 1, 0, 1));
            assertThat(channels.get(1)).isEqualTo(new ChannelStats("news", 0, 1, 0, 0, 1));
            SseStats totals = server.sse.stats();
            assertThat(totals.channels()).isEqualTo(2);
            assertThat(totals.subscriptions()).isEqualTo(1);
            assertThat(totals.published()).isEqualTo(2);
            assertThat(totals.delivered()).isEqualTo(1);
            assertThat(totals.retainedEvents()).isEqualTo(2);
        }
    }
}
