package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.sse.SseChannels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The demo ships Spring Data Redis for {@code house.broker=redis}, yet without that property it
 * never contacts Redis: {@code spring.data.redis.*} points at a listener that counts every
 * connection made to it, and the chat works with none made.
 */
@SpringBootTest(classes = ChatApplication.class, properties = "house.port=0")
class ChatWithoutRedisTests {

    private static final AtomicInteger REDIS_CONNECTIONS = new AtomicInteger();
    private static final ServerSocket REDIS = trap();

    @Value("${local.house.port}")
    int port;

    @Autowired
    SseChannels channels;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::getLocalPort);
    }

    @AfterAll
    static void closeTrap() throws IOException {
        REDIS.close();
    }

    @Test
    void withoutHouseBrokerTheChatWorksWithoutEverConnectingToRedis() throws Exception {
        try (SseLines stream = SseLines.open(client, URI.create("http://127.0.0.1:" + port + "/source?room=solo"))) {
            HttpResponse<String> sent = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/send-message?room=solo&name=Ada&message=no+redis"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(sent.statusCode()).isEqualTo(200);
            assertThat(SseLines.field(stream.nextEvent(), "data")).contains("no redis");
        }

        assertThat(channels.broker().getClass().getSimpleName()).isEqualTo("LocalBroker");
        assertThat(REDIS_CONNECTIONS).as("connections made to Redis").hasValue(0);
    }

    /** A loopback listener standing in for Redis: it counts and drops every connection. */
    private static ServerSocket trap() {
        try {
            ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accepting = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket s = socket.accept()) {
                        REDIS_CONNECTIONS.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "redis-trap");
            accepting.setDaemon(true);
            accepting.start();
            return socket;
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
