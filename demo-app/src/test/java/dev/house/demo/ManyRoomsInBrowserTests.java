package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Ten rooms open at once in one page, from one origin, over HTTPS in real Chromium (issue 14):
 * the demo's page for the first room plus nine more {@code EventSource}s. Over HTTP/2 they share
 * one connection and every room gets its live message; over HTTP/1.1 (the same server, the browser
 * started with {@code --disable-http2}) each stream holds one of the browser's 6 connections per
 * origin, so the 7th and later never open and never receive anything: the wall HTTP/2 removes.
 * The certificate is a throw-away one made with the JDK's keytool, so the browser runs with
 * {@code --ignore-certificate-errors} (the TLS session, ALPN included, is real all the same).
 */
@SpringBootTest(classes = ChatApplication.class, properties = {"house.port=0", "house.ssl.bundle=demo",
        "spring.ssl.bundle.jks.demo.keystore.type=PKCS12", "spring.ssl.bundle.jks.demo.keystore.password=changeit"})
class ManyRoomsInBrowserTests {
    /** Chromium's limit of HTTP/1.1 connections per origin (a constant in its network stack). */
    private static final int HTTP1_CONNECTIONS_PER_ORIGIN = 6;
    private static final List<String> ROOMS = IntStream.range(0, 10).mapToObj(i -> "room-" + i).toList();
    private static final List<String> MORE_ROOMS = ROOMS.subList(1, ROOMS.size());

    @Value("${local.house.port}")
    int port;

    @Autowired
    ChatRoom chat;

    private ChatTab tab;

    @DynamicPropertySource
    static void keyStore(DynamicPropertyRegistry registry) {
        registry.add("spring.ssl.bundle.jks.demo.keystore.location", () -> "file:" + makeKeyStore());
    }

    @BeforeEach
    void browsersAreInstalled() {
        Chromium.assumeInstalled();
    }

    @AfterEach
    void closeBrowser() {
        if (tab != null) {
            tab.quit();
        }
    }

    @Test
    void overHttp2TenRoomsInOnePageAllReceiveLiveMessages() {
        tab = openTenRooms();
        assertThat(protocol()).isEqualTo("h2");
        assertThat(await(() -> count("open") == MORE_ROOMS.size())).as("all nine more streams open: " + rooms()).isTrue();

        ROOMS.forEach(room -> chat.post(room, "Ada", "live in " + room));

        assertThat(tab.awaitMessageCount(1)).containsExactly(new ChatTab.Shown("Ada", "live in room-0"));
        assertThat(await(() -> count("received") == MORE_ROOMS.size())).as("every room's message: " + rooms()).isTrue();
        assertThat(tab.consoleErrors()).isEmpty();
    }

    @Test
    void overHttp1TheSeventhStreamOfAnOriginNeverOpens() throws InterruptedException {
        tab = openTenRooms("--disable-http2");
        assertThat(protocol()).isEqualTo("http/1.1");
        int open = HTTP1_CONNECTIONS_PER_ORIGIN - 1; // the page's own stream holds one connection
        assertThat(await(() -> count("open") == open)).as("five more streams open: " + rooms()).isTrue();

        ROOMS.forEach(room -> chat.post(room, "Ada", "live in " + room));

        assertThat(tab.awaitMessageCount(1)).containsExactly(new ChatTab.Shown("Ada", "live in room-0"));
        assertThat(await(() -> count("received") == open)).as("the open streams' messages: " + rooms()).isTrue();
        Thread.sleep(2_000); // room for a stream past the wall to open, which it must not
        assertThat(count("open")).as("%s", rooms()).isEqualTo(open);
        assertThat(count("received")).as("the rooms past the wall receive nothing: " + rooms()).isEqualTo(open);
    }

    /** The demo page on room-0 over HTTPS, then nine more rooms' streams opened from it. */
    private ChatTab openTenRooms(String... browserArguments) {
        Chromium.Browser browser = Chromium.launch(concat("--ignore-certificate-errors", browserArguments));
        try {
            ChatTab page = ChatTab.open(browser, "https://127.0.0.1:" + port, ROOMS.get(0));
            page.driver().executeScript("""
                    window.rooms = {};
                    for (const room of arguments[0]) {
                      const state = {open: false, received: 0};
                      window.rooms[room] = state;
                      const source = new EventSource('/source?room=' + encodeURIComponent(room));
                      source.onopen = () => { state.open = true; };
                      source.onmessage = () => { state.received++; };
                    }""", MORE_ROOMS);
            return page;
        } catch (RuntimeException | Error e) {
            browser.quit();
            throw e;
        }
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The protocol the page itself came over, as the browser reports it. */
    private String protocol() {
        return (String) tab.driver().executeScript(
                "return performance.getEntriesByType('navigation')[0].nextHopProtocol;");
    }

    /** How many of the nine more streams are open ("open") or received their message ("received"). */
    private long count(String what) {
        Object n = tab.driver().executeScript("return Object.values(window.rooms).filter(r => r."
                + ("open".equals(what) ? "open" : "received > 0") + ").length;");
        return ((Number) n).longValue();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rooms() {
        return (Map<String, Object>) tab.driver().executeScript("return window.rooms;");
    }

    private static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + ChatTab.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** A throw-away EC key and self-signed certificate for 127.0.0.1, in a PKCS12 file made by keytool. */
    private static Path makeKeyStore() {
        try {
            Path file = Files.createTempDirectory("house-demo-tls-").resolve("demo.p12");
            file.getParent().toFile().deleteOnExit();
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "demo", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                    "CN=localhost", "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", file.toString(),
                    "-storetype", "PKCS12", "-storepass", "changeit").redirectErrorStream(true).start();
            keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool could not make " + file);
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
