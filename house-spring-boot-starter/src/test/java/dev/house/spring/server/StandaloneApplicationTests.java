package dev.house.spring.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.testing.HelloApplication;
import dev.house.spring.testing.HttpProbe;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A non-web application in a JVM of its own: house's non-daemon event loops keep it running after
 * {@code main} returns, and a termination signal closes the context and ends the JVM.
 */
class StandaloneApplicationTests {

    @Test
    void aNonWebApplicationKeepsServingAfterMainReturnsAndStopsOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HelloApplication.class.getName(), "--house.port=0", "--house.event-loops=1",
                "--spring.main.banner-mode=off")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            boolean mainReturned = false;
            String line;
            while (!mainReturned && (line = output.readLine()) != null) {
                if (line.startsWith("house-port=")) {
                    port = Integer.parseInt(line.substring("house-port=".length()));
                }
                mainReturned = line.equals("main returned");
            }
            assertThat(mainReturned).as("main returned").isTrue();
            assertThat(port).isPositive();

            assertThat(HttpProbe.get(port, "/hello").body()).isEqualTo("hello from house");
            assertThat(process.isAlive()).isTrue();

            process.destroy(); // SIGTERM: Boot's shutdown hook closes the context, house stops
            assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("JVM exits after SIGTERM").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }
}
