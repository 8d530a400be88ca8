package dev.house.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.sse.ChannelStats;
import dev.house.demo.ChatTab.Shown;
import dev.house.spring.sse.ChannelPublisher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The chat room used in real browsers (headless Chromium) against the real application on a
 * random port: what one person types, the others see.
 */
@SpringBootTest(classes = ChatApplication.class, properties = {"house.port=0", "house.sse.presence.grace=1s"})
class ChatInBrowserTests {

    @Value("${local.house.port}")
    int port;

    @Autowired
    ChannelPublisher publisher;

    private final List<ChatTab> tabs = new ArrayList<>();

    @BeforeEach
    void browsersAreInstalled() {
        Chromium.assumeInstalled();
    }

    @AfterEach
    void closeBrowsers() {
        tabs.forEach(ChatTab::quit);
    }

    @Test
    void twoBrowsersInTheSameRoomSeeEachOthersMessages() {
        ChatTab ada = open("kitchen").name("Ada");
        ChatTab bob = open("kitchen").name("Bob");

        ada.typeAndSend("Anyone up for tea?");
        bob.awaitMessageCount(1);
        bob.typeAndSend("Always. Kettle is on.");

        List<Shown> expected = List.of(new Shown("Ada", "Anyone up for tea?"),
                new Shown("Bob", "Always. Kettle is on."));
        assertThat(ada.awaitMessageCount(2)).isEqualTo(expected);
        assertThat(bob.awaitMessageCount(2)).isEqualTo(expected);
        assertThat(ada.messageFieldValue()).as("the sent message leaves the field").isEmpty();
        assertThat(ada.consoleErrors()).isEmpty();
        assertThat(bob.consoleErrors()).isEmpty();
    }

    @Test
    void browsersInARoomSeeWhoIsThereAndWhoJoinsAndLeaves() {
        ChatTab ada = open("den").name("Ada").join("den");
        ChatTab bob = open("den").name("Bob").join("den");

        assertThat(bob.awaitPeople(List.of("Ada", "Bob"))).isEqualTo("Bob joined");
        assertThat(ada.awaitPeople(List.of("Ada", "Bob"))).isEqualTo("Bob joined");

        bob.join("elsewhere"); // Bob's stream in the den ends; the grace period (here 1 s) passes
        assertThat(ada.awaitPeople(List.of("Ada"))).isEqualTo("Bob left");
    }

    @Test
    void aBrowserInAnotherRoomSeesNoneOfTheirMessages() {
        ChatTab ada = open("attic").name("Ada");
        ChatTab bob = open("attic").name("Bob");
        ChatTab cy = open("cellar").name("Cy");

        ada.typeAndSend("Only for the attic");
        bob.awaitMessageCount(1);
        // Published after the attic's message: once it is shown, the attic's would have been too.
        cy.typeAndSend("Hello from the cellar");

        assertThat(cy.awaitMessageCount(1)).containsExactly(new Shown("Cy", "Hello from the cellar"));
        assertThat(ada.awaitMessageCount(1)).containsExactly(new Shown("Ada", "Only for the attic"));
        assertThat(bob.messages()).containsExactly(new Shown("Ada", "Only for the attic"));
        assertThat(cy.consoleErrors()).isEmpty();
    }

    @Test
    void switchingRoomsShowsOnlyTheNewRoomsMessages() {
        ChatTab ada = open("porch").name("Ada");
        ChatTab bob = open("garden").name("Bob");
        ada.typeAndSend("Porch talk only");
        ada.awaitMessageCount(1);

        ada.join("garden");
        bob.typeAndSend("Welcome to the garden");

        assertThat(ada.awaitMessageCount(1)).containsExactly(new Shown("Bob", "Welcome to the garden"));
        assertThat(ada.driver().getCurrentUrl()).endsWith("?room=garden");
        assertThat(ada.consoleErrors()).isEmpty();
    }

    @Test
    void aTooLongRoomInTheLinkIsRefusedWithoutConnecting() {
        ChatTab ada = track(ChatTab.load(Chromium.launch(), baseUrl(), "a-room-name-too-long"));

        ada.awaitStatus("disconnected");
        assertThat(ada.errorFor("room")).isEqualTo("Room must be 1 to 16 characters long.");
        assertThat(ada.isMarkedInvalid("room")).isTrue();
        ada.join("short-room");
        assertThat(ada.errorFor("room")).isEmpty();
        assertThat(ada.consoleErrors()).as("no stream was even tried").isEmpty();
    }

    @Test
    void anInvalidMessageShowsTheErrorNextToItsFieldAndSendsNothing() throws Exception {
        ChatTab ada = open("hall").name("Ada");
        ChatTab bob = open("hall");

        ada.typeAndSend("hey");

        assertThat(ada.errorFor("message")).isEqualTo("Message must be 5 to 256 characters long.");
        assertThat(ada.isMarkedInvalid("message")).isTrue();
        assertThat(ada.describedBy("message")).contains("message-error");
        assertThat(ada.errorFor("name")).isEmpty();
        assertThat(ada.messageFieldValue()).as("kept for correcting").isEqualTo("hey");
        assertThat(published("hall")).as("events published to the room").isZero();
        ada.screenshot(Path.of("target", "screenshots", "demo-chat-error.png"));

        ada.typeAndSend(" there, all");
        assertThat(bob.awaitMessageCount(1)).containsExactly(new Shown("Ada", "hey there, all"));
        assertThat(ada.errorFor("message")).as("cleared by the next send").isEmpty();
        assertThat(ada.isMarkedInvalid("message")).isFalse();
        assertThat(ada.consoleErrors("/send-message")).isEmpty();
    }

    @Test
    void aMissingNameIsShownNextToTheNameField() {
        ChatTab ada = open("hall2");

        ada.typeAndSend("Who am I?");

        assertThat(ada.errorFor("name")).isEqualTo("Name must be 1 to 64 characters long.");
        assertThat(ada.isMarkedInvalid("name")).isTrue();
        assertThat(ada.errorFor("message")).isEmpty();
        assertThat(published("hall2")).isZero();
    }

    @Test
    void unicodeAndMultiLineMessagesArriveExactlyAsSent() {
        String room = "Grüße 日本 ☕";
        String name = "Zoë 🦊";
        String message = "Line one: naïve café, 漢字, עברית, emoji 👩‍💻🎉\n"
                + "  indented line\twith a tab\n\n"
                + "<b>not bold</b> & \"quotes\" 'single' \\backslash\n"
                + "last line ends here";
        ChatTab ada = open(room).name("placeholder");
        ChatTab bob = open(room);

        ada.pasteName(name).pasteAndSend(message);

        assertThat(bob.awaitMessageCount(1)).containsExactly(new Shown(name, message));
        assertThat(ada.awaitMessageCount(1)).containsExactly(new Shown(name, message));
        assertThat(bob.boldElementsInMessages()).as("markup in a message stays text").isZero();
        assertThat(bob.consoleErrors()).isEmpty();
    }

    @Test
    void pageFitsDesktopAndPhoneWidthsAndIsScreenshotted() throws Exception {
        ChatTab ada = open("lobby").name("Ada");
        ChatTab bob = open("lobby").name("Grace");
        ada.typeAndSend("Hi all! The chat runs on house, no Tomcat or Netty anywhere.");
        bob.awaitMessageCount(1);
        bob.pasteAndSend("Nice. Server-sent events per room,\nand a reconnect replays what I missed.");
        ada.awaitMessageCount(2);
        ada.typeAndSend("Try it: curl -N 'http://localhost:4242/source?room=lobby'");
        bob.awaitMessageCount(3);

        assertThat(bob.horizontalOverflow()).as("sideways scrolling at desktop width").isZero();
        bob.screenshot(docs().resolve("demo-chat.png"));

        bob.resize(390, 844);
        assertThat(bob.horizontalOverflow()).as("sideways scrolling at 390 px").isZero();
        bob.screenshot(Path.of("target", "screenshots", "demo-chat-phone.png"));
        assertThat(bob.consoleErrors()).isEmpty();
    }

    private ChatTab open(String room) {
        Chromium.Browser browser = Chromium.launch();
        try {
            return track(ChatTab.open(browser, baseUrl(), room));
        } catch (RuntimeException | Error e) {
            browser.quit();
            throw e;
        }
    }

    private ChatTab track(ChatTab tab) {
        tabs.add(tab);
        return tab;
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private long published(String room) {
        String channel = RoomChannel.of(room);
        return publisher.channels().stream().filter(stats -> stats.name().equals(channel))
                .mapToLong(ChannelStats::published).sum();
    }

    private static Path docs() {
        return Path.of(System.getProperty("demo.docs.dir", "../docs"));
    }
}
