package dev.house.demo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The chat page open in one browser, driven the way a person uses it: type a name and a message,
 * press Enter or click Send, read the message list, the field errors and the connection state.
 * Every wait polls the page up to a deadline; none sleeps.
 */
final class ChatTab {

    static final Duration PATIENCE = Duration.ofSeconds(15);

    /** One message as the page shows it. */
    record Shown(String name, String text) {
    }

    private final Chromium.Browser browser;
    private final ChromeDriver driver;
    private final List<LogEntry> console = new ArrayList<>();

    private ChatTab(Chromium.Browser browser) {
        this.browser = browser;
        this.driver = browser.driver();
    }

    /** Opens {@code /index?room=} in {@code browser} and waits until the page says it is connected. */
    static ChatTab open(Chromium.Browser browser, String baseUrl, String room) {
        ChatTab tab = load(browser, baseUrl, room);
        tab.awaitStatus("connected");
        return tab;
    }

    /** Opens {@code /index?room=} in {@code browser} and returns once the page has loaded. */
    static ChatTab load(Chromium.Browser browser, String baseUrl, String room) {
        browser.driver().get(baseUrl + "/index?room=" + URLEncoder.encode(room, StandardCharsets.UTF_8));
        return new ChatTab(browser);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Types {@code name} into the name field, replacing what is there. */
    ChatTab name(String name) {
        WebElement field = driver.findElement(By.id("name"));
        field.clear();
        field.sendKeys(name);
        return this;
    }

    /** Puts {@code name} into the name field exactly, as pasted (any Unicode). */
    ChatTab pasteName(String name) {
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                driver.findElement(By.id("name")), name);
        return this;
    }

    /** Types {@code message} (keyboard characters only) and presses Enter, as a person sends one. */
    ChatTab typeAndSend(String message) {
        WebElement field = driver.findElement(By.id("message"));
        field.sendKeys(message);
        field.sendKeys(Keys.ENTER);
        awaitSendFinished();
        return this;
    }

    /**
     * Puts {@code message} into the message field exactly (any Unicode, line breaks: a keyboard
     * driver can only type the Basic Multilingual Plane) and clicks Send.
     */
    ChatTab pasteAndSend(String message) {
        WebElement field = driver.findElement(By.id("message"));
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                field, message);
        driver.findElement(By.id("send")).click();
        awaitSendFinished();
        return this;
    }

    /** Types another room and joins it with the Join button. */
    ChatTab join(String room) {
        WebElement field = driver.findElement(By.id("room"));
        field.clear();
        field.sendKeys(room);
        driver.findElement(By.id("join")).click();
        awaitStatus("connected");
        return this;
    }

    /** The messages listed, oldest first, with their text exactly as in the page (no whitespace folding). */
    List<Shown> messages() {
        @SuppressWarnings("unchecked")
        List<Map<String, String>> items = (List<Map<String, String>>) js(
                "return Array.from(document.querySelectorAll('#messages li')).map(li => ({"
                        + "name: li.querySelector('.who').textContent,"
                        + "text: li.querySelector('.text').textContent}));");
        return items.stream().map(m -> new Shown(m.get("name"), m.get("text"))).toList();
    }

    /** Waits until the "In the room" list shows exactly {@code names} (sorted) and returns the latest join/leave notice. */
    String awaitPeople(List<String> names) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(15))
                .withMessage(() -> "people " + names + "; the page showed " + people())
                .until(d -> people().equals(names));
        return driver.findElement(By.id("people-news")).getText();
    }

    /** The names in the "In the room" list. */
    List<String> people() {
        return driver.findElements(By.cssSelector("#people li")).stream().map(WebElement::getText).toList();
    }

    /** How many {@code <b>} elements the message list holds: any would mean a message was read as HTML. */
    long boldElementsInMessages() {
        return ((Number) js("return document.querySelectorAll('#messages b').length;")).longValue();
    }

    /** Waits until the message list satisfies {@code condition}, then returns it. */
    List<Shown> awaitMessages(String what, Predicate<List<Shown>> condition) {
        wait(what).until(d -> condition.test(messages()));
        return messages();
    }

    /** Waits until {@code count} messages are listed, then returns them. */
    List<Shown> awaitMessageCount(int count) {
        return awaitMessages(count + " messages listed", shown -> shown.size() >= count);
    }

    /** The error text shown under {@code field} ({@code room}, {@code name} or {@code message}). */
    String errorFor(String field) {
        return driver.findElement(By.id(field + "-error")).getText();
    }

    /** Whether {@code field} is marked invalid for assistive technology. */
    boolean isMarkedInvalid(String field) {
        return "true".equals(driver.findElement(By.id(field)).getDomAttribute("aria-invalid"));
    }

    /** The id of the element a screen reader reads {@code field}'s error from. */
    List<String> describedBy(String field) {
        String ids = driver.findElement(By.id(field)).getDomAttribute("aria-describedby");
        return ids == null ? List.of() : Arrays.asList(ids.trim().split("\\s+"));
    }

    String messageFieldValue() {
        return driver.findElement(By.id("message")).getDomProperty("value");
    }

    /** The connection state the page shows: connecting, connected or reconnecting. */
    String status() {
        return driver.findElement(By.id("status")).getDomAttribute("data-state");
    }

    void awaitStatus(String state) {
        wait("the page to show '" + state + "'").until(d -> state.equals(status()));
    }

    String notice() {
        WebElement notice = driver.findElement(By.id("notice"));
        return notice.isDisplayed() ? notice.getText() : "";
    }

    /** Resizes the window (for phone widths). */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** How far the page is wider than the window, in CSS pixels: 0 when nothing scrolls sideways. */
    long horizontalOverflow() {
        return ((Number) js("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);"))
                .longValue();
    }

    /** Saves what the window shows as a PNG. */
    void screenshot(Path file) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * The page's console errors so far: script errors, {@code console.error} calls and failed
     * requests, except failed requests to a URL containing one of {@code expectedFailures}.
     */
    List<String> consoleErrors(String... expectedFailures) {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return console.stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> Arrays.stream(expectedFailures).noneMatch(message::contains))
                .collect(Collectors.toList());
    }

    void quit() {
        browser.quit();
    }

    private void awaitSendFinished() {
        wait("the message to be sent").until(d -> driver.findElement(By.id("send")).isEnabled());
    }

    private WebDriverWait wait(String what) {
        WebDriverWait wait = new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50));
        wait.withMessage(() -> what + "; the page showed status " + status() + " and messages " + messages());
        return wait;
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}
