package dev.house.core.sse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdTest {

    @Test
    void parsesItsOwnWireForm() {
        EventId id = new EventId(1_700_000_000_000L, 42);
        assertThat(EventId.parse(id.toString())).isEqualTo(id);
    }

    @Test
    void ordersByMillisThenSequence() {
        assertThat(new EventId(5, 9)).isLessThan(new EventId(6, 0));
        assertThat(new EventId(6, 1)).isGreaterThan(new EventId(6, 0));
    }

    @Test
    void nextIncreasesWithinTheSameMillisecond() {
        EventId id = new EventId(100, 3);
        assertThat(id.next(100)).isEqualTo(new EventId(100, 4));
    }

    @Test
    void nextIncreasesWhenTheClockGoesBack() {
        assertThat(new EventId(100, 3).next(50)).isEqualTo(new EventId(100, 4));
    }

    @Test
    void nextRestartsSequenceInALaterMillisecond() {
        assertThat(new EventId(100, 3).next(101)).isEqualTo(new EventId(101, 0));
    }

    @Test
    void parseRefusesMalformedText() {
        assertThat(EventId.parse(null)).isNull();
        assertThat(EventId.parse("")).isNull();
        assertThat(EventId.parse("12")).isNull();
        assertThat(EventId.parse("-1")).isNull();
        assertThat(EventId.parse("1-")).isNull();
        assertThat(EventId.parse("1-2-3")).isNull();
        assertThat(EventId.parse("a-1")).isNull();
        assertThat(EventId.parse("1- 2")).isNull();
        assertThat(EventId.parse("9999999999999999999-1")).isNull();
    }
}
