package dev.house.spring.redis;

import static org.junit.jupiter.api.Assumptions.abort;

import java.util.Arrays;

/**
 * Tests that need an outside program (curl, redis-server, chromium) skip, saying why, when it is
 * not installed: a developer without it still gets a green build. CI must not go green that way,
 * so {@code .ci/run} passes {@code -Dhouse.test.require=curl,redis,chromium}: a component named
 * there turns the skip into a failure.
 */
final class Required {
    /** The comma-separated system property listing the components that must be present. */
    public static final String PROPERTY = "house.test.require";

    private Required() {
    }

    /** Returns when {@code present}; otherwise skips the test, or fails it when {@code component} is required. */
    public static void component(String component, boolean present, String whyAndHowToInstall) {
        if (present) {
            return;
        }
        if (required(component)) {
            throw new AssertionError(component + " is required here (" + PROPERTY + "="
                    + System.getProperty(PROPERTY) + ") but missing: " + whyAndHowToInstall);
        }
        abort(whyAndHowToInstall + " (skipped; " + PROPERTY + "=" + component + " makes this a failure)");
    }

    private static boolean required(String component) {
        return Arrays.stream(System.getProperty(PROPERTY, "").split(","))
                .map(String::trim)
                .anyMatch(c -> c.equalsIgnoreCase(component));
    }
}
