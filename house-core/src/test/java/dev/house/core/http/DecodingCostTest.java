package dev.house.core.http;

import static dev.house.core.testing.LinearCost.assertLinear;
import static dev.house.core.testing.LinearCost.repeat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each text decoder of the http package fed pathological shapes at 10 KB and 1 MB: the cost must
 * grow linearly (see {@link dev.house.core.testing.LinearCost}), so a hostile request cannot buy
 * seconds of CPU with a megabyte, and the next quadratic loop is caught here.
 */
class DecodingCostTest {

    static Stream<String> formShapes() {
        return Stream.of("a&", "=&", "a=1&", "&", "a", "=", "a=", "%C3%A9", "x=%41+b&", "ab=cd=ef&");
    }

    @ParameterizedTest(name = "form decoding of \"{0}\" repeated is linear")
    @MethodSource("formShapes")
    void formDecodingCostGrowsLinearlyWhateverTheShape(String unit) {
        assertLinear("FormDecoder on " + unit, size -> repeat(unit, size),
                text -> FormDecoder.decode(text, "form body"));
    }

    @Test
    void formDecodingOfDistinctNamesIsLinear() {
        assertLinear("FormDecoder on distinct names", size -> {
            StringBuilder sb = new StringBuilder(size + 16);
            for (int i = 0; sb.length() < size; i++) {
                sb.append('k').append(i).append("=v&");
            }
            return sb.toString();
        }, text -> FormDecoder.decode(text, "form body"));
    }

    @ParameterizedTest(name = "percent-decoding of \"{0}\" repeated is linear")
    @MethodSource("formShapes")
    void percentDecodingCostGrowsLinearly(String unit) {
        assertLinear("PercentDecoder on " + unit, size -> repeat(unit, size),
                text -> PercentDecoder.decode(text, 0, text.length(), false, "path"));
    }

    @Test
    void requestTargetParsingOfManySegmentsIsLinear() {
        assertLinear("RequestTarget on /a/a/...", size -> repeat("/a", size) + "?" + repeat("q&", size / 4),
                target -> RequestTarget.parse(target, HttpMethod.GET, Integer.MAX_VALUE));
        assertLinear("RequestTarget on /./././...", size -> repeat("/.", size) + "/x",
                target -> RequestTarget.parse(target, HttpMethod.GET, Integer.MAX_VALUE));
    }

    static Stream<String> jsonShapes() {
        return Stream.of("\\\\", "\\ud83d\\ude00", "\\u0041", "\\n", "a", "\\");
    }

    @ParameterizedTest(name = "the JSON text check of \"{0}\" repeated is linear")
    @MethodSource("jsonShapes")
    void jsonTextCheckIsLinear(String unit) {
        assertLinear("BodyText JSON check on " + unit,
                size -> Request.builder(HttpMethod.POST, "/").header("Content-Type", "application/json")
                        .body(("\"" + repeat(unit, size) + "\"").getBytes(StandardCharsets.UTF_8)).build(),
                BodyText::requireJsonUtf8);
    }

    @Test
    void charsetLookupInAContentTypeOfManyParametersIsLinear() {
        assertLinear("BodyText charset on ;;;", size -> Request.builder(HttpMethod.POST, "/")
                        .header("Content-Type", "text/plain" + repeat(";", size) + "; charset=utf-8").body("x").build(),
                Request::bodyText);
        assertLinear("BodyText charset on ;a=1", size -> Request.builder(HttpMethod.POST, "/")
                        .header("Content-Type", "text/plain" + repeat("; a=1", size)).body("x").build(),
                Request::bodyText);
    }

    @Test
    void bodyTextDecodingIsLinear() {
        assertLinear("Request.bodyText on é", size -> Request.builder(HttpMethod.POST, "/")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body(repeat("é&", size)).build(),
                request -> {
                    try {
                        request.formParameters();
                    } catch (HttpException tooMany) {
                        // the default limit stops it early; the text was decoded whole first
                    }
                });
    }

    static Stream<String> cookieShapes() {
        return Stream.of("a;", ";", "a=1; ", "=;", "a", "s=\"x\";", " \t;");
    }

    @ParameterizedTest(name = "cookie lookup in \"{0}\" repeated is linear")
    @MethodSource("cookieShapes")
    void cookieLookupIsLinearWhateverTheShape(String unit) {
        assertLinear("Cookies on " + unit, size -> Request.builder(HttpMethod.GET, "/")
                        .header("Cookie", repeat(unit, size) + "; house-session=x").build(),
                request -> Cookies.values(request, "house-session"));
    }
}
