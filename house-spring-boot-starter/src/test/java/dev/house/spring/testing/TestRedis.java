package dev.house.spring.testing;

import dev.house.core.testing.Required;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} on a free loopback port, started and stopped by the test. Tests are
 * skipped (not failed) when the binary is not installed, unless {@link Required} says it must be there;
 * {@code .ci/run} installs it and requires it.
 */
public final class TestRedis implements AutoCloseable {
    private static final String BINARY = findBinary();
    private final int port;
    private final Path dir;
    private final boolean appendOnly;
    private Process process;

    private TestRedis(int port, Path dir, boolean appendOnly) {
        this.port = port;
        this.dir = dir;
        this.appendOnly = appendOnly;
    }

    /** No persistence: a restart starts from an empty data set. */
    public static TestRedis start() throws Exception {
        return start(false);
    }

    /** With {@code appendOnly}, every write is logged (fsync always) in a temp dir and survives a restart. */
    public static TestRedis start(boolean appendOnly) throws Exception {
        Required.component("redis", BINARY != null,
                "Redis broker tests run a real redis-server, which is not installed; install it with: apt-get install redis-server");
        TestRedis r = new TestRedis(freePort(), Files.createTempDirectory("house-redis"), appendOnly);
        r.launch();
        return r;
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills the server at once (no save): what a crash looks like to clients. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Starts it again on the same port (and, with append-only on, the same data). */
    public void restart() throws Exception {
        kill();
        launch();
    }

    /** Sends one command (inline protocol) and returns the raw reply's first line. */
    public String command(String line) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(2000);
            s.getOutputStream().write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            StringBuilder out = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                if (c != '\r') {
                    out.append((char) c);
                }
            }
            return out.toString();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private void launch() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--dir", dir.toString(), "--daemonize", "no"));
        if (appendOnly) {
            cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            cmd.addAll(List.of("--appendonly", "no"));
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                if (command("PING").equals("+PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
            }
            Thread.sleep(10); // polling for start-up, not a timing assumption
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String findBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "redis-server");
            if (f.canExecute()) {
                return f.getPath();
            }
        }
        File f = new File("/usr/bin/redis-server");
        return f.canExecute() ? f.getPath() : null;
    }
}
