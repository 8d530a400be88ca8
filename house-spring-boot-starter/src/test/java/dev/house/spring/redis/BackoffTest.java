package dev.house.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromTheMinimumUpToTheMaximumWithAtMostAQuarterOfJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(500));
        long[] bases = {100, 200, 400, 500, 500};
        for (long base : bases) {
            assertThat(backoff.nextDelayMillis()).isBetween(base, base + base / 4);
        }
    }

    @Test
    void startsOverAfterAReset() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        backoff.nextDelayMillis();
        backoff.nextDelayMillis();
        backoff.reset();
        assertThat(backoff.nextDelayMillis()).isBetween(100L, 125L);
    }
}
