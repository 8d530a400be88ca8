package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.demo.ChatTab.Shown;
import dev.house.spring.testing.TestRedis;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo as a two-node cluster, as the README runs it: two applications on two ports sharing
 * rooms through a real {@code redis-server} ({@code house.broker=redis}), a headless Chromium on
 * each node in the same room.
 */
class ChatClusterInBrowserTests {

    private static TestRedis redis;
    private static final List<ConfigurableApplicationContext> NODES = new ArrayList<>();
    private final List<ChatTab> tabs = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        Chromium.assumeInstalled();
        redis = TestRedis.start();
        for (int i = 0; i < 2; i++) {
            NODES.add(new SpringApplicationBuilder(ChatApplication.class).run("--house.port=0",
                    "--house.broker=redis", "--spring.data.redis.host=127.0.0.1",
                    "--spring.data.redis.port=" + redis.port(), "--house.sse.presence.grace=1s"));
        }
    }

    @AfterAll
    static void stopNodes() throws Exception {
        NODES.forEach(ConfigurableApplicationContext::close);
        NODES.clear();
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void browsersAreInstalled() {
        Chromium.assumeInstalled();
    }

    @AfterEach
    void closeBrowsers() {
        tabs.forEach(ChatTab::quit);
    }

    @Test
    void browsersOnTwoNodesInOneRoomSeeEachOthersMessages() {
        ChatTab ada = open(0, "harbour").name("Ada");
        ChatTab bob = open(1, "harbour").name("Bob");

        ada.typeAndSend("Sent to node one");
        bob.awaitMessageCount(1);
        bob.typeAndSend("Sent to node two");

        List<Shown> expected = List.of(new Shown("Ada", "Sent to node one"), new Shown("Bob", "Sent to node two"));
        assertThat(ada.awaitMessageCount(2)).isEqualTo(expected);
        assertThat(bob.awaitMessageCount(2)).isEqualTo(expected);
        assertThat(ada.consoleErrors()).isEmpty();
        assertThat(bob.consoleErrors()).isEmpty();
    }

    @Test
    void browsersOnTwoNodesInOneRoomSeeWhoIsThereAndWhoJoinsAndLeaves() {
        ChatTab ada = open(0, "lighthouse").name("Ada").join("lighthouse");
        ChatTab bob = open(1, "lighthouse").name("Bob").join("lighthouse");

        assertThat(bob.awaitPeople(List.of("Ada", "Bob"))).isEqualTo("Bob joined");
        assertThat(ada.awaitPeople(List.of("Ada", "Bob"))).isEqualTo("Bob joined");

        bob.join("elsewhere"); // Bob's stream on node two ends; the grace period (here 1 s) passes
        assertThat(ada.awaitPeople(List.of("Ada"))).isEqualTo("Bob left");
    }

    private ChatTab open(int node, String room) {
        Chromium.Browser browser = Chromium.launch();
        try {
            ChatTab tab = ChatTab.open(browser, "http://127.0.0.1:" + port(node), room);
            tabs.add(tab);
            return tab;
        } catch (RuntimeException | Error e) {
            browser.quit();
            throw e;
        }
    }

    private static int port(int node) {
        return Integer.parseInt(NODES.get(node).getEnvironment().getProperty("local.house.port"));
    }
}
