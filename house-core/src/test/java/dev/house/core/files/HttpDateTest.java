package dev.house.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDateTest {
    private static final long NOV_6_1994 = Instant.parse("1994-11-06T08:49:37Z").getEpochSecond();

    @Test
    void formatsImfFixdateWithTwoDigitDay() {
        assertThat(HttpDate.format(Instant.parse("2026-03-04T05:06:07.890Z").toEpochMilli()))
                .isEqualTo("Wed, 04 Mar 2026 05:06:07 GMT");
    }

    @Test
    void parsesImfFixdate() {
        assertThat(HttpDate.parseSeconds("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(NOV_6_1994);
    }

    @Test
    void parsesObsoleteRfc850Date() {
        assertThat(HttpDate.parseSeconds("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(NOV_6_1994);
    }

    @Test
    void parsesAsctimeDate() {
        assertThat(HttpDate.parseSeconds("Sun Nov  6 08:49:37 1994")).isEqualTo(NOV_6_1994);
    }

    @Test
    void invalidDateIsMinusOne() {
        assertThat(HttpDate.parseSeconds("not a date")).isEqualTo(-1);
        assertThat(HttpDate.parseSeconds("Mon, 06 Nov 1994 08:49:37 GMT")).isEqualTo(-1); // wrong weekday
    }
}
