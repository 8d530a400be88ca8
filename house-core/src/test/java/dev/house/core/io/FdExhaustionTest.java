package dev.house.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ch.qos.logback.classic.Level;
import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.Response;
import dev.house.core.testing.Await;
import dev.house.core.testing.RawHttpClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A server in a child JVM whose fd limit is lowered to {@value #FD_LIMIT} (ulimit -n), flooded
 * with more connections than it has descriptors: the log stays short, and it serves again once
 * the connections close.
 */
class FdExhaustionTest {
    private static final int FD_LIMIT = 256;
    private static final int FLOOD = 400;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void runningOutOfDescriptorsLogsBoundedLinesWithACountAndTheServerRecovers() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.isExecutable(Path.of("/bin/bash")),
                "needs Linux and bash for ulimit");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("/bin/bash", "-c",
                "ulimit -n " + FD_LIMIT + " && exec \"$0\" -Xmx128m -cp \"$1\" \"$2\"",
                java, System.getProperty("java.class.path"), Child.class.getName())
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (java.io.IOException e) {
                // the child ended
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        List<Socket> flood = new ArrayList<>();
        try {
            awaitLine(output, child, line -> line.startsWith("PORT "), "the child server to start");
            int port = Integer.parseInt(portLine(output).substring("PORT ".length()));
            assertThat(output).anyMatch(line -> line.startsWith("DEFAULT_MAX_CONNECTIONS 192"));
            assertThat(output).as("start-up warns that 10,000 connections cannot fit under the fd limit")
                    .anyMatch(line -> line.contains("maxConnections 10000 is above what the process's "
                            + "file-descriptor limit of " + FD_LIMIT));

            for (int i = 0; i < FLOOD; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
                flood.add(socket); // the kernel completes the handshake; the server cannot accept them all
            }
            awaitLine(output, child, line -> line.contains("accept failed"), "the acceptor to run out of descriptors");
            // Let it fail for a while: the old acceptor logged ~100 lines a second.
            Thread.sleep(1500);
            long failedLines = output.stream().filter(line -> line.contains("accept failed")).count();

            for (Socket socket : flood) {
                socket.close();
            }
            flood.clear();
            AtomicReference<String> body = new AtomicReference<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (body.get() == null) {
                try (RawHttpClient client = new RawHttpClient(port, 2000)) {
                    RawHttpClient.HttpResponse response = client.get("/failures").read();
                    assertThat(response.status()).isEqualTo(200);
                    body.set(response.bodyText());
                } catch (java.io.IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the server did not serve again after the connections closed: "
                                + e + "; output:\n" + String.join("\n", output), e);
                    }
                    Thread.sleep(50); // polling interval, not a timing assumption
                }
            }

            assertThat(failedLines).as("lines logged while accepts were failing: " + output).isBetween(1L, 2L);
            assertThat(Long.parseLong(body.get())).as("failed accepts counted").isGreaterThan(1);
            String recovery = output.stream().filter(line -> line.contains("accepting again after")).findFirst()
                    .orElseThrow(() -> new AssertionError("no recovery line in " + output));
            assertThat(recovery).containsPattern("accepting again after \\d+ failed accepts in \\d+ ms "
                    + "\\(\\d+ failures not logged\\)");
            assertThat(output.stream().filter(line -> line.contains("accept")).count())
                    .as("all accept lines: " + output).isLessThanOrEqualTo(4);
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
            System.out.println("child output:\n" + String.join("\n", output)); // kept in the surefire report
            child.getOutputStream().close(); // the child stops when its stdin ends
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }

    private static void awaitLine(List<String> output, Process child, java.util.function.Predicate<String> line,
                                  String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (output.stream().noneMatch(line)) {
            if (System.nanoTime() > deadline || !child.isAlive()) {
                Thread.sleep(200); // the last lines of a child that died
                throw new AssertionError("no line for " + what + (child.isAlive() ? "" : " (the child died)")
                        + "; output:\n" + String.join("\n", output));
            }
            Thread.sleep(20); // polling interval, not a timing assumption
        }
    }

    private static String portLine(List<String> output) {
        return output.stream().filter(line -> line.startsWith("PORT ")).findFirst().orElse(null);
    }

    /** The child: a house server at maxConnections 10,000 under a low fd limit, until stdin ends. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.house.core")).setLevel(Level.INFO);
            loadHouseClasses();
            HouseServer[] self = new HouseServer[1];
            HouseServer server = HouseServer.builder()
                    .config(ServerConfig.builder().address(InetAddress.getLoopbackAddress()).port(0).eventLoops(1)
                            .maxConnections(10_000).shutdownGracePeriod(Duration.ZERO).build())
                    .router(Router.builder()
                            .get("/failures", r -> Response.text(String.valueOf(self[0].acceptFailures())))
                            .build())
                    .build();
            self[0] = server;
            System.out.println("DEFAULT_MAX_CONNECTIONS " + ServerConfig.defaults().maxConnections());
            server.start();
            System.out.println("PORT " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the parent to close our stdin
            }
            server.stop();
            System.exit(0);
        }

        /**
         * Loads every house-core class up front: here they come from target/classes, one file
         * (one descriptor) per class, and a class first needed while descriptors are exhausted
         * would fail to load for good. (From a jar, already open, they need none.)
         */
        private static void loadHouseClasses() throws Exception {
            Path root = Path.of(HouseServer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isDirectory(root)) {
                return;
            }
            try (java.util.stream.Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    String name = root.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                    if (!name.endsWith("module-info.class") && !name.endsWith("package-info.class")) {
                        Class.forName(name.substring(0, name.length() - ".class".length()), false,
                                Child.class.getClassLoader());
                    }
                }
            }
        }
    }
}
