package dev.house.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDateParserTest {
    private static final long NOV_6_1994 = Instant.parse("1994-11-06T08:49:37Z").getEpochSecond();

    @Test
    void parsesImfFixdate() {
        assertThat(HttpDateParser.parseSeconds("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(NOV_6_1994);
    }

    @Test
    void parsesObsoleteRfc850Date() {
        assertThat(HttpDateParser.parseSeconds("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(NOV_6_1994);
    }

    @Test
    void parsesAsctimeDate() {
        assertThat(HttpDateParser.parseSeconds("Sun Nov  6 08:49:37 1994")).isEqualTo(NOV_6_1994);
    }

    @Test
    void invalidDateIsMinusOne() {
        assertThat(HttpDateParser.parseSeconds("not a date")).isEqualTo(-1);
        assertThat(HttpDateParser.parseSeconds("Mon, 06 Nov 1994 08:49:37 GMT")).isEqualTo(-1); // wrong weekday
    }
}
