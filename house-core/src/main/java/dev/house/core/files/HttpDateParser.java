package dev.house.core.files;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Reads HTTP dates (RFC 9110 section 5.6.7) in all three formats a recipient must accept:
 * IMF-fixdate, obsolete RFC 850 and asctime. (Writing is {@link dev.house.core.http.HttpDate#format}.)
 */
final class HttpDateParser {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /**
     * Two-digit years: RFC 9110 says a year that looks more than 50 years in the future is in the
     * past century, so the window is the 100 years starting 50 years ago.
     */
    private static final DateTimeFormatter RFC_850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, LocalDate.now(ZoneOffset.UTC).minusYears(50))
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.US);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private HttpDateParser() {
    }

    /** Epoch seconds of an HTTP date, or -1 when it is not one (an invalid date is ignored, not an error). */
    static long parseSeconds(String text) {
        if (text == null) {
            return -1;
        }
        String s = text.trim();
        try {
            return LocalDateTime.parse(s, IMF_FIXDATE).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException notFixdate) {
            // fall through to the obsolete formats
        }
        try {
            return LocalDateTime.parse(s, RFC_850).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException notRfc850) {
            // fall through
        }
        try {
            return LocalDateTime.parse(s, ASCTIME).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException notAsctime) {
            return -1;
        }
    }
}
