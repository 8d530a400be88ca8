package dev.house.demo;

import dev.house.core.testing.Required;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's Chromium through Debian's chromedriver, headless, with a fresh profile each
 * time. Both binaries are given by path, so Selenium Manager never runs and nothing is
 * downloaded while testing; when they are not installed, the test is skipped saying so.
 */
final class Chromium {

    static final Path BROWSER = Path.of(System.getProperty("demo.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("demo.chromedriver", "/usr/bin/chromedriver"));

    /** Desktop size of every window unless a test resizes it. */
    static final int WIDTH = 1280;
    static final int HEIGHT = 860;

    private Chromium() {
    }

    /** Skips the calling test (or fails it where chromium is {@link Required}), with the reason, unless both Debian packages are installed. */
    static void assumeInstalled() {
        Required.component("chromium", Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "Browser tests need Debian's chromium and chromium-driver packages (" + BROWSER + " and "
                + DRIVER + " are " + describe(BROWSER) + " and " + describe(DRIVER)
                + "); install them with: apt-get install chromium chromium-driver");
    }

    /**
     * A new headless browser with its own empty profile, deleted when it {@link Browser#quit() quits};
     * {@code extraArguments} are added to the command line (e.g. {@code --disable-http2}).
     */
    static Browser launch(String... extraArguments) {
        assumeInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("house-demo-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--user-data-dir=" + profile,
                        "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-US")
                .addArguments(extraArguments);
        // The page's console (errors included) is read back with driver.manage().logs().
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            deleteTree(profile);
            throw e;
        }
    }

    private static String describe(Path binary) {
        return Files.exists(binary) ? (Files.isExecutable(binary) ? "present" : "not executable") : "missing";
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // A profile left in the temp directory is harmless; the test result is what matters.
        }
    }

    /** A running browser and the profile directory it owns. */
    record Browser(ChromeDriver driver, Path profile) implements AutoCloseable {

        void quit() {
            try {
                driver.quit();
            } finally {
                deleteTree(profile);
            }
        }

        @Override
        public void close() {
            quit();
        }
    }
}
