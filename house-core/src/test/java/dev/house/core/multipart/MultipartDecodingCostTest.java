package dev.house.core.multipart;

import static dev.house.core.testing.LinearCost.assertLinear;
import static dev.house.core.testing.LinearCost.repeat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The multipart decoders fed pathological shapes at 10 KB and 1 MB (past the default limits,
 * which are lifted here so the loops themselves are measured): cost must grow linearly.
 */
class MultipartDecodingCostTest {

    static Stream<String> parameterShapes() {
        return Stream.of("; a=1", ";", "; a=\"x\"", "; a=\"\\\"\\\\\"", "; a=\"x;y=z\"", "; a=b=c", " ;\t");
    }

    @ParameterizedTest(name = "header parameters \"{0}\" repeated are linear")
    @MethodSource("parameterShapes")
    void headerParameterSplittingIsLinear(String unit) {
        assertLinear("HeaderParameters on " + unit, size -> "form-data" + repeat(unit, size),
                HeaderParameters::parse);
    }

    @Test
    void aLongQuotedParameterIsLinear() {
        assertLinear("HeaderParameters on one long quoted value",
                size -> "form-data; name=\"" + repeat("a\\\"", size) + "\"", HeaderParameters::parse);
    }

    @Test
    void manyPartsAreLinear() {
        MultipartParser parser = MultipartParser.builder().maxParts(Integer.MAX_VALUE).build();
        assertLinear("MultipartParser on many small fields", size -> {
            MultipartBodies body = new MultipartBodies();
            int part = 0;
            while (part * 90 < size) {
                body.field("f" + (part++ % 50), "v");
            }
            return MultipartBodies.request(body.end());
        }, request -> parser.parse(request));
    }

    @Test
    void manyHeaderLinesInOnePartAreLinear() {
        MultipartParser parser = MultipartParser.builder().maxPartHeaderSize(Integer.MAX_VALUE - 8).build();
        assertLinear("MultipartParser on a part with many header lines", size -> {
            String head = "--" + MultipartBodies.BOUNDARY + "\r\n" + repeat("X-A: b\r\n", size)
                    + "Content-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--" + MultipartBodies.BOUNDARY + "--\r\n";
            return MultipartBodies.request(head.getBytes(StandardCharsets.US_ASCII));
        }, request -> parser.parse(request));
    }

    @Test
    void aLargeFieldIsLinear() {
        assertLinear("MultipartParser on one large field of almost-delimiters", size -> MultipartBodies.request(
                new MultipartBodies().field("f", repeat("\r\n--" + MultipartBodies.BOUNDARY.substring(0, 10), size))
                        .end()), request -> MultipartParser.defaults().parse(request));
    }
}
