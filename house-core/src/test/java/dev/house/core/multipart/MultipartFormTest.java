package dev.house.core.multipart;

import static dev.house.core.multipart.MultipartBodies.BOUNDARY;
import static dev.house.core.multipart.MultipartBodies.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.http.HttpException;
import dev.house.core.http.Response;
import dev.house.core.testing.Intercepted;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartFormTest {
    @TempDir
    Path temp;

    private static byte[] read(FilePart part) throws Exception {
        try (InputStream in = part.open()) {
            return in.readAllBytes();
        }
    }

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    private static void assertBadRequest(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(HttpException.class, e -> {
            assertThat(e.status().code()).isEqualTo(400);
            assertThat(e.getMessage()).contains(message);
        });
    }

    private static void assertBadRequest(String body, String message) {
        assertBadRequest(() -> MultipartForm.parse(request(body)), message);
    }

    @Test
    void parsesFieldsInOrderWithRepeatedNames() {
        byte[] body = new MultipartBodies().field("title", "Hello").field("tag", "a").field("tag", "b").end();

        MultipartForm form = MultipartForm.parse(request(body));

        assertThat(form.fields()).containsOnlyKeys("title", "tag");
        assertThat(form.field("title")).isEqualTo("Hello");
        assertThat(form.fields().get("tag")).containsExactly("a", "b");
        assertThat(form.files()).isEmpty();
    }

    @Test
    void decodesFieldsAsUtf8() {
        byte[] body = new MultipartBodies().field("name", "Zoë – 日本").end();
        assertThat(MultipartForm.parse(request(body)).field("name")).isEqualTo("Zoë – 日本");
    }

    @Test
    void keepsEmptyFields() {
        byte[] body = new MultipartBodies().field("empty", "").end();
        assertThat(MultipartForm.parse(request(body)).field("empty")).isEmpty();
    }

    @Test
    void keepsASmallFileInMemory() throws Exception {
        byte[] content = "line one\r\nline two\r\n--not-the-boundary\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] body = new MultipartBodies().field("a", "1").file("doc", "notes.txt", "text/plain", content).end();

        MultipartForm form = MultipartForm.parse(request(body));

        assertThat(form.files()).hasSize(1);
        FilePart file = form.files().get(0);
        assertThat(file).isInstanceOf(MemoryFilePart.class);
        assertThat(file.name()).isEqualTo("doc");
        assertThat(file.filename()).isEqualTo("notes.txt");
        assertThat(file.contentType()).isEqualTo("text/plain");
        assertThat(file.size()).isEqualTo(content.length);
        assertThat(read(file)).isEqualTo(content);
    }

    @Test
    void spillsALargeFileToATempFileDeletedOnClose() throws Exception {
        byte[] content = random(200 * 1024);
        byte[] body = new MultipartBodies().file("blob", "data.bin", "application/octet-stream", content).end();
        MultipartParser parser = MultipartParser.builder().tempDirectory(temp).build();

        MultipartForm form = parser.parse(request(body));
        SpilledFilePart file = (SpilledFilePart) form.files().get(0);

        assertThat(file.path()).startsWith(temp).exists();
        assertThat(file.size()).isEqualTo(content.length);
        assertThat(read(file)).isEqualTo(content);
        form.close();
        assertThat(file.path()).doesNotExist();
        assertThatThrownBy(file::open).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void memoryThresholdIsConfigurable() {
        byte[] body = new MultipartBodies().file("f", "a.txt", "text/plain", new byte[100]).end();
        MultipartParser parser = MultipartParser.builder().memoryThreshold(99).tempDirectory(temp).build();

        try (MultipartForm form = parser.parse(request(body))) {
            assertThat(form.files().get(0)).isInstanceOf(SpilledFilePart.class);
        }
    }

    @Test
    void uploadCleanupDeletesTempFilesWhenTheExchangeEnds() throws Exception {
        byte[] body = new MultipartBodies().file("blob", "big.bin", "application/octet-stream", random(100_000)).end();
        MultipartParser parser = MultipartParser.builder().tempDirectory(temp).build();
        Path[] spilled = new Path[1];

        Intercepted.handler(r -> {
            spilled[0] = ((SpilledFilePart) parser.parse(r).files().get(0)).path();
            assertThat(spilled[0]).exists();
            return Response.text("ok");
        }, new UploadCleanup()).handle(request(body));

        assertThat(spilled[0]).doesNotExist();
    }

    @Test
    void fileWithoutContentTypeIsOctetStream() throws Exception {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\nabc\r\n--"
                + BOUNDARY + "--";
        FilePart file = MultipartForm.parse(request(body)).files().get(0);
        assertThat(file.contentType()).isEqualTo("application/octet-stream");
        assertThat(read(file)).asString().isEqualTo("abc");
    }

    @Test
    void acceptsAQuotedBoundaryPreambleEpilogueAndTransportPadding() {
        String boundary = "simple boundary";
        String body = "This is the preamble.\r\n--" + boundary + " \t\r\n"
                + "content-disposition: form-data; name=\"x\"\r\n\r\nvalue\r\n--" + boundary + "--\r\nepilogue";
        MultipartForm form = MultipartForm.parse(request("multipart/form-data; boundary=\"" + boundary + "\"",
                body.getBytes(StandardCharsets.US_ASCII)));
        assertThat(form.field("x")).isEqualTo("value");
    }

    @Test
    void unquotesEscapedQuotesInFileNamesAndKeepsOtherBackslashes() throws Exception {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"; "
                + "filename=\"say \\\"hi\\\" C:\\dir\\a.txt\"\r\n\r\nx\r\n--" + BOUNDARY + "--";
        FilePart file = MultipartForm.parse(request(body)).files().get(0);
        assertThat(file.filename()).isEqualTo("say \"hi\" C:\\dir\\a.txt");
    }

    @Test
    void acceptsUtf8FileNames() {
        byte[] body = new MultipartBodies().file("f", "résumé.pdf", "application/pdf", new byte[] {1}).end();
        assertThat(MultipartForm.parse(request(body)).files().get(0).filename()).isEqualTo("résumé.pdf");
    }

    @Test
    void notMultipartIs415() {
        assertThatThrownBy(() -> MultipartForm.parse(request("application/json", "{}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(HttpException.class, e -> assertThat(e.status().code()).isEqualTo(415));
    }

    @Test
    void missingBoundaryIs400() {
        assertBadRequest(() -> MultipartForm.parse(request("multipart/form-data", new byte[0])), "no boundary");
    }

    @Test
    void invalidBoundaryIs400() {
        assertBadRequest(() -> MultipartForm.parse(request("multipart/form-data; boundary=a<b", new byte[0])),
                "character");
        assertBadRequest(() -> MultipartForm.parse(request("multipart/form-data; boundary=" + "x".repeat(71),
                new byte[0])), "1 to 70");
        assertBadRequest(() -> MultipartForm.parse(request("multipart/form-data; boundary=\"ab \"", new byte[0])),
                "space");
        assertBadRequest(() -> MultipartForm.parse(request("multipart/form-data; boundary=\"abc", new byte[0])),
                "Unterminated");
    }

    @Test
    void bodyWithoutTheBoundaryIs400() {
        assertBadRequest("just some text", "does not contain its boundary");
    }

    @Test
    void bodyWithoutClosingBoundaryIs400() {
        assertBadRequest("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\ntruncated",
                "without a closing boundary");
    }

    @Test
    void bodyEndingRightAfterABoundaryIs400() {
        assertBadRequest("--" + BOUNDARY, "without a closing boundary");
    }

    @Test
    void garbageAfterTheBoundaryIs400() {
        assertBadRequest("--" + BOUNDARY + "xyz\r\n\r\n\r\n--" + BOUNDARY + "--", "unexpected characters");
    }

    @Test
    void bodyWithOnlyTheCloseDelimiterIs400() {
        assertBadRequest("--" + BOUNDARY + "--", "no parts");
    }

    @Test
    void partWithoutContentDispositionIs400() {
        assertBadRequest("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + BOUNDARY + "--",
                "part 1 has no Content-Disposition");
    }

    @Test
    void partWithoutHeadersIs400() {
        assertBadRequest("--" + BOUNDARY + "\r\n\r\nx\r\n--" + BOUNDARY + "--", "no Content-Disposition");
    }

    @Test
    void dispositionOtherThanFormDataIs400() {
        assertBadRequest("--" + BOUNDARY + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--"
                + BOUNDARY + "--", "not form-data");
    }

    @Test
    void dispositionWithoutNameIs400() {
        assertBadRequest("--" + BOUNDARY + "\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n--"
                + BOUNDARY + "--", "has no name");
    }

    @Test
    void malformedHeaderLineIs400() {
        assertBadRequest("--" + BOUNDARY + "\r\nno colon here\r\n\r\nx\r\n--" + BOUNDARY + "--", "malformed header line");
    }

    @Test
    void bareLineFeedInPartHeadersIs400() {
        assertBadRequest("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\nX: y\r\n\r\nx\r\n--"
                + BOUNDARY + "--", "bare CR or LF");
    }

    @Test
    void foldedHeaderLineIs400() {
        assertBadRequest("--" + BOUNDARY + "\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\nx\r\n--"
                + BOUNDARY + "--", "folding");
    }

    @Test
    void unterminatedHeaderSectionIs400() {
        assertBadRequest("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n", "not ended by an empty line");
    }

    @Test
    void oversizedPartHeadersAre400() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " + "p".repeat(300)
                + "\r\n\r\nx\r\n--" + BOUNDARY + "--";
        MultipartParser parser = MultipartParser.builder().maxPartHeaderSize(128).build();
        assertBadRequest(() -> parser.parse(request(body)), "headers exceed 128 bytes");
    }

    @Test
    void tooManyPartsAre400() {
        MultipartBodies bodies = new MultipartBodies();
        for (int i = 0; i < 4; i++) {
            bodies.field("f" + i, "v");
        }
        byte[] body = bodies.end();
        MultipartParser parser = MultipartParser.builder().maxParts(3).build();
        assertBadRequest(() -> parser.parse(request(body)), "more than 3 parts");
    }

    @Test
    void invalidUtf8FieldIs400() {
        byte[] body = new MultipartBodies().raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n")
                .bytes(new byte[] {(byte) 0xC3, (byte) 0x28}).raw("\r\n").end();
        assertBadRequest(() -> MultipartForm.parse(request(body)), "Invalid UTF-8 in multipart part 1, parameter 'a'");
    }

    @Test
    void errorMessagesDoNotEchoClientInput() {
        String body = "--" + BOUNDARY + "\r\nContent-Disposition: attachment; name=\"<script>\"\r\n\r\nx\r\n--"
                + BOUNDARY + "--";
        assertThatThrownBy(() -> MultipartForm.parse(request(body))).message().doesNotContain("<script>");
    }

    @Test
    void malformedBodyDeletesFilesAlreadySpilled() throws Exception {
        byte[] body = new MultipartBodies().file("blob", "a.bin", "application/octet-stream", random(100_000))
                .raw("--" + BOUNDARY + "\r\nno colon\r\n\r\nx\r\n").end();
        MultipartParser parser = MultipartParser.builder().tempDirectory(temp).build();

        assertBadRequest(() -> parser.parse(request(body)), "malformed header line");
        try (var files = Files.list(temp)) {
            assertThat(files).isEmpty();
        }
    }
}
