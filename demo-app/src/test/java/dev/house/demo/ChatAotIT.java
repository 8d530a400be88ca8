package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.test.HouseTestClient;
import dev.house.spring.test.SseSubscription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged demo in AOT mode on the JVM ({@code -Dspring.aot.enabled=true}): the context comes
 * from the code {@code spring-boot:process-aot} generated, not from configuration classes, and
 * the routes still answer. Runs in {@code mvn verify} after packaging.
 */
class ChatAotIT {

    private static Process process;
    private static final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private static HouseTestClient client;

    @BeforeAll
    static void startTheJarInAotMode() throws Exception {
        Path jar = Path.of(System.getProperty("demo.jar", "target/demo-app-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).exists();
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-jar", jar.toString(),
                "--house.port=" + port, "--house.event-loops=1")
                .redirectErrorStream(true)
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(output::add);
            } catch (IOException | java.io.UncheckedIOException ex) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        awaitListening(port);
        client = HouseTestClient.bindToPort(port);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void theApplicationStartsFromTheGeneratedInitializer() {
        assertThat(Files.exists(Path.of("target/classes/dev/house/demo/ChatApplication__ApplicationContextInitializer.class")))
                .as("process-aot generated the context initializer").isTrue();
        assertThat(String.join("\n", output)).doesNotContain("ERROR");
    }

    @Test
    void aPostedMessageReachesTheRoomsStream() {
        try (SseSubscription room = client.sse("/source?room=aot").open()) {
            client.post("/send-message").json(Map.of("room", "aot", "name", "Ada", "message", "hello ahead of time"))
                    .exchange()
                    .expectStatus(200)
                    .expectJsonPath("$.id", id -> assertThat(id).isNotNull());
            assertThat(room.awaitEvent(e -> e.data().contains("hello ahead of time"), Duration.ofSeconds(10)).data())
                    .contains("\"name\":\"Ada\"");
        }
    }

    @Test
    void invalidInputIsStillValidated() {
        client.post("/send-message").json(Map.of("room", "aot", "name", "", "message", "hi")).exchange()
                .expectStatus(400)
                .expectHeader("Content-Type", "application/problem+json");
    }

    @Test
    void thePageIsServed() {
        client.get("/index").exchange().expectStatus(200);
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the demo exited: " + String.join("\n", output));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException ex) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the demo did not listen within 60s: " + String.join("\n", output));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
