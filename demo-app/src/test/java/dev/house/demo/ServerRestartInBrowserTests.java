package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.demo.ChatTab.Shown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application restarts (a new process would do the same): the room's history is
 * gone with the old one, so the reconnecting page cannot be given what it missed and says so,
 * reacting to house's {@code house-history-lost} event, then carries on live.
 */
class ServerRestartInBrowserTests {

    private ConfigurableApplicationContext app;
    private ChatTab tab;

    @BeforeEach
    void browsersAreInstalled() {
        Chromium.assumeInstalled();
    }

    @AfterEach
    void stopEverything() {
        if (tab != null) {
            tab.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void pageSaysMessagesMayBeMissingAfterTheServerLostItsHistory() {
        app = start(0);
        int port = app.getEnvironment().getRequiredProperty("local.house.port", Integer.class);
        Chromium.Browser browser = Chromium.launch();
        try {
            tab = ChatTab.open(browser, "http://127.0.0.1:" + port, "lobby");
        } catch (RuntimeException | Error e) {
            browser.quit();
            throw e;
        }
        tab.name("Ada").typeAndSend("Before the restart");
        tab.awaitMessageCount(1);
        assertThat(tab.notice()).isEmpty();

        app.close();
        tab.awaitStatus("reconnecting");
        app = start(port);

        tab.awaitStatus("connected");
        tab.awaitMessages("the history-lost notice", shown -> !tab.notice().isEmpty());
        assertThat(tab.notice()).isEqualTo("Some earlier messages could not be recovered after the reconnection.");
        tab.typeAndSend("After the restart");
        assertThat(tab.awaitMessageCount(2)).containsExactly(new Shown("Ada", "Before the restart"),
                new Shown("Ada", "After the restart"));
        assertThat(tab.consoleErrors("/source?room=lobby")).isEmpty();
    }

    private static ConfigurableApplicationContext start(int port) {
        return new SpringApplicationBuilder(ChatApplication.class).run("--house.port=" + port,
                "--house.sse.retry=300ms", "--house.shutdown.grace-period=1s");
    }
}
