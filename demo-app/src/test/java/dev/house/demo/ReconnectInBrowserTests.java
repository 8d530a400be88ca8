package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.http.RequestRouter;
import dev.house.demo.ChatTab.Shown;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The server drops every connection while messages keep being sent: the page reconnects on its
 * own and shows what it missed exactly once, replayed by {@code Last-Event-ID} from the room's
 * history. The cut is real: the application's house server is stopped (streams get their
 * farewell, every socket is closed, the port stops listening) and a new one is started on the
 * same port with the same routes, while the SSE channels and their history live on.
 */
@SpringBootTest(classes = ChatApplication.class, properties = {"house.port=0", "house.sse.retry=300ms",
        "house.shutdown.grace-period=1s"})
@DirtiesContext
class ReconnectInBrowserTests {

    @Value("${local.house.port}")
    int port;

    @Autowired
    HouseServer server;

    @Autowired
    ServerConfig config;

    @Autowired
    RequestRouter router;

    @Autowired
    @Qualifier(HouseAutoConfiguration.WORKERS_BEAN_NAME)
    ExecutorService workers;

    @Autowired
    ChatRoom chat;

    private final List<ChatTab> tabs = new ArrayList<>();
    private HouseServer restarted;

    @BeforeEach
    void browsersAreInstalled() {
        Chromium.assumeInstalled();
    }

    @AfterEach
    void closeBrowsersAndServer() {
        tabs.forEach(ChatTab::quit);
        if (restarted != null) {
            restarted.stop();
        }
    }

    @Test
    void messagesSentWhileTheStreamIsCutAreShownOnceAfterReconnecting() throws Exception {
        ChatTab ada = open("porch").name("Ada");
        ChatTab bob = open("porch").name("Bob");
        ada.typeAndSend("Before the cut");
        bob.awaitMessageCount(1);

        server.stop();
        ada.awaitStatus("reconnecting");
        bob.awaitStatus("reconnecting");
        chat.post("porch", "Cy", "Sent while the stream was cut");
        chat.post("porch", "Cy", "Also sent while it was cut");
        restarted = HouseServer.builder().config(config.toBuilder().port(port).build()).router(router)
                .workers(workers).build().start();
        assertThat(sendOverHttp("porch", "Dan", "Sent right after the restart")).isEqualTo(200);

        List<Shown> expected = List.of(new Shown("Ada", "Before the cut"),
                new Shown("Cy", "Sent while the stream was cut"),
                new Shown("Cy", "Also sent while it was cut"),
                new Shown("Dan", "Sent right after the restart"));
        assertThat(ada.awaitMessageCount(4)).isEqualTo(expected);
        assertThat(bob.awaitMessageCount(4)).isEqualTo(expected);
        ada.awaitStatus("connected");

        // Replay comes before live events: once this one is shown, no duplicate can still come.
        bob.typeAndSend("And now live again");
        List<Shown> withLast = new ArrayList<>(expected);
        withLast.add(new Shown("Bob", "And now live again"));
        assertThat(ada.awaitMessageCount(5)).isEqualTo(withLast);
        assertThat(bob.awaitMessageCount(5)).isEqualTo(withLast);
        assertThat(ada.notice()).as("nothing was lost").isEmpty();
        // While the server was down, the browser logs its failed reconnection attempts.
        assertThat(ada.consoleErrors("/source?room=porch")).isEmpty();
    }

    private int sendOverHttp(String room, String name, String message) throws Exception {
        String json = "{\"room\":\"" + room + "\",\"name\":\"" + name + "\",\"message\":\"" + message + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/send-message"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private ChatTab open(String room) {
        Chromium.Browser browser = Chromium.launch();
        try {
            ChatTab tab = ChatTab.open(browser, "http://127.0.0.1:" + port, room);
            tabs.add(tab);
            return tab;
        } catch (RuntimeException | Error e) {
            browser.quit();
            throw e;
        }
    }
}
