package dev.house.core.http2;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpHeaders;
import dev.house.core.testing.Required;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real HTTP/2 clients (nghttp, curl, h2load from Debian's nghttp2-client and curl) against the
 * in-memory engine behind a tiny blocking loopback server that exists only in this test: one
 * thread per socket feeds what it reads to an {@link Http2Connection} and writes back what the
 * engine produced. It proves real clients accept our SETTINGS, HEADERS (HPACK) and DATA, and
 * that their frames pass our checks, before the engine is wired to house's event loops.
 */
class Http2InteropTest {
    private ServerSocket server;
    private Thread acceptor;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "h2-interop-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        synchronized (sockets) {
            for (Socket s : sockets) {
                s.close();
            }
        }
        acceptor.join(5000);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                synchronized (sockets) {
                    sockets.add(socket);
                }
                Thread t = new Thread(() -> serve(socket), "h2-interop-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** One connection: socket bytes in, engine bytes out, until EOF or the engine closes. */
    private void serve(Socket socket) {
        Map<Integer, StringBuilder> bodies = new HashMap<>();
        Map<Integer, Http2Request> requests = new HashMap<>();
        Http2Connection[] holder = new Http2Connection[1];
        Http2Handler handler = new Http2Handler() {
            @Override
            public void request(int streamId, Http2Request request, boolean endStream) {
                requests.put(streamId, request);
                bodies.put(streamId, new StringBuilder());
                if (endStream) {
                    answer(streamId);
                }
            }

            @Override
            public void data(int streamId, ByteBuffer data, boolean endStream) {
                bodies.get(streamId).append(StandardCharsets.UTF_8.decode(data));
                if (endStream) {
                    answer(streamId);
                }
            }

            private void answer(int streamId) {
                Http2Request r = requests.remove(streamId);
                String body = "hello h2 " + r.method() + " " + r.path() + " " + bodies.remove(streamId) + "\n";
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                holder[0].respond(streamId, 200, new HttpHeaders().add("Content-Type", "text/plain")
                        .add("Content-Length", Integer.toString(bytes.length)), false);
                holder[0].send(streamId, ByteBuffer.wrap(bytes), true);
            }

            @Override
            public void closed(int streamId, Http2Error reason) {
            }

            @Override
            public void streamError(int streamId, Http2Error error, String message) {
                errors.add("stream " + streamId + " " + error + ": " + message);
            }

            @Override
            public void connectionError(Http2Error error, String message) {
                errors.add("connection " + error + ": " + message);
            }
        };
        holder[0] = new Http2Connection(Http2Config.defaults(), handler, System::nanoTime);
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buf = new byte[16 * 1024];
            out.write(holder[0].drain());
            out.flush();
            while (!holder[0].isClosed()) {
                int n = in.read(buf);
                if (n < 0) {
                    return;
                }
                holder[0].receive(ByteBuffer.wrap(buf, 0, n));
                out.write(holder[0].drain());
                out.flush();
            }
        } catch (IOException e) {
            // The client went away; nothing to clean up beyond the socket.
        }
    }

    private static boolean installed(String tool) {
        return Files.isExecutable(Path.of("/usr/bin", tool));
    }

    private String run(String... command) throws Exception {
        return run(null, command);
    }

    private String run(Path directory, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process p = builder.start();
        byte[] output;
        try (InputStream in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("%s exit status; output:%n%s", command[0], text).isZero();
        return text;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    @Test
    void nghttpGetsAResponseAndSeesOurSettings() throws Exception {
        Required.component("nghttp2", installed("nghttp"), "nghttp (Debian nghttp2-client) is not installed; install it with: apt-get install nghttp2-client");
        String out = run("nghttp", "-v", url("/hello?x=1"));
        assertThat(out).contains("recv SETTINGS frame", "SETTINGS_MAX_CONCURRENT_STREAMS(0x03):128",
                ":status: 200", "content-type: text/plain",
                "hello h2 GET /hello?x=1", "recv SETTINGS frame <length=0, flags=0x01, stream_id=0>");
        assertThat(errors).isEmpty();
    }

    @Test
    void nghttpSendsABodyAcrossManyFramesAndSeveralStreams() throws Exception {
        Required.component("nghttp2", installed("nghttp"), "nghttp (Debian nghttp2-client) is not installed; install it with: apt-get install nghttp2-client");
        Path body = Files.createTempFile("h2-body", ".txt");
        try {
            Files.writeString(body, "b".repeat(100_000));
            String out = run("nghttp", "-d", body.toString(), url("/upload"), url("/other"));
            // nghttp prints each DATA frame as it arrives, so the two bodies interleave by frame.
            assertThat(out).contains("hello h2 POST /upload b", "hello h2 POST /other b");
            assertThat(out.chars().filter(c -> c == 'b').count()).isEqualTo(200_000);
        } finally {
            Files.delete(body);
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void curlWithPriorKnowledgeSpeaksHttp2() throws Exception {
        Required.component("curl", installed("curl"), "curl is not installed; install it with: apt-get install curl");
        String out = run("curl", "-sS", "--http2-prior-knowledge", "-w", "\n%{http_version} %{response_code}", url("/curl"));
        assertThat(out).isEqualTo("hello h2 GET /curl \n\n2 200");
        String post = run("curl", "-sS", "--http2-prior-knowledge", "-d", "name=house", url("/form"));
        assertThat(post).isEqualTo("hello h2 POST /form name=house\n");
        assertThat(errors).isEmpty();
    }

    @Test
    void h2loadCompletesEveryRequestOverMultiplexedStreams() throws Exception {
        Required.component("nghttp2", installed("h2load"), "h2load (Debian nghttp2-client) is not installed; install it with: apt-get install nghttp2-client");
        String out = run("h2load", "-n", "400", "-c", "4", "-m", "16", url("/load"));
        assertThat(out).contains("400 total, 400 started, 400 done, 400 succeeded, 0 failed, 0 errored");
        assertThat(errors).isEmpty();
    }
}
