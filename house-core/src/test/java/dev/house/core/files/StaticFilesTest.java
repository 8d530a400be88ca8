package dev.house.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.http.Body;
import dev.house.core.http.Handler;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticFilesTest {
    private static final Instant MODIFIED = Instant.parse("2026-03-04T05:06:07.890Z");

    @TempDir
    Path temp;
    Path root;

    @BeforeEach
    void files() throws Exception {
        root = Files.createDirectories(temp.resolve("public"));
        write("index.html", "<h1>home</h1>");
        write("app.js", "console.log(1)");
        write("docs/index.html", "<h1>docs</h1>");
        write("docs/guide.txt", "read me");
        write("empty-dir/readme.md", "no index here");
        write(".env", "SECRET=1");
        write(".git/config", "[core]");
        write("images/logo.png", "png bytes");
        write("data.bin", "raw");
        Files.writeString(temp.resolve("outside.txt"), "outside the root");
    }

    private void write(String relative, String content) throws Exception {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(MODIFIED));
    }

    private static Response get(Handler handler, String target, String... headers) throws Exception {
        return send(handler, HttpMethod.GET, target, headers);
    }

    private static Response send(Handler handler, HttpMethod method, String target, String... headers)
            throws Exception {
        Request.Builder b = Request.builder(method, target);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return handler.handle(b.build());
    }

    private static String text(Response response) throws Exception {
        Body body = response.body();
        if (body instanceof Body.FileRegion region) {
            return Files.readString(region.path());
        }
        return new String(((Body.Bytes) body).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void servesAFileWithContentTypeLengthAndValidators() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler(), "/app.js");

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(response.body()).isInstanceOf(Body.FileRegion.class);
        assertThat(response.body().length()).isEqualTo("console.log(1)".length());
        assertThat(text(response)).isEqualTo("console.log(1)");
        assertThat(response.headers().get("ETag")).startsWith("W/\"");
        assertThat(response.headers().get("Last-Modified")).isEqualTo("Wed, 04 Mar 2026 05:06:07 GMT");
        assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void unknownExtensionIsOctetStream() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler(), "/data.bin");
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/octet-stream");
    }

    @Test
    void binaryTypesHaveNoCharset() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler(), "/images/logo.png");
        assertThat(response.headers().get("Content-Type")).isEqualTo("image/png");
    }

    @Test
    void answers304WhenIfNoneMatchHasTheETag() throws Exception {
        Handler handler = StaticFiles.fromDirectory(root).handler();
        String etag = get(handler, "/app.js").headers().get("ETag");

        Response response = get(handler, "/app.js", "If-None-Match", "\"other\", " + etag);

        assertThat(response.status().code()).isEqualTo(304);
        assertThat(response.body().length()).isZero();
        assertThat(response.headers().get("ETag")).isEqualTo(etag);
        assertThat(response.headers().get("Cache-Control")).isEqualTo("no-cache");
    }

    @Test
    void answers200WhenIfNoneMatchHasAnotherETagEvenIfNotModifiedSince() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler(), "/app.js",
                "If-None-Match", "W/\"stale\"", "If-Modified-Since", "Wed, 04 Mar 2026 05:06:07 GMT");
        assertThat(response.status().code()).isEqualTo(200);
    }

    @Test
    void answers304WhenNotModifiedSinceTheGivenDate() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler(), "/app.js",
                "If-Modified-Since", "Wed, 04 Mar 2026 05:06:07 GMT");
        assertThat(response.status().code()).isEqualTo(304);
        assertThat(response.headers().get("Last-Modified")).isEqualTo("Wed, 04 Mar 2026 05:06:07 GMT");
    }

    @Test
    void answers200WhenModifiedAfterTheGivenDate() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler(), "/app.js",
                "If-Modified-Since", "Wed, 04 Mar 2026 05:06:06 GMT");
        assertThat(response.status().code()).isEqualTo(200);
    }

    @Test
    void ignoresAnInvalidIfModifiedSince() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler(), "/app.js",
                "If-Modified-Since", "yesterday");
        assertThat(response.status().code()).isEqualTo(200);
    }

    @Test
    void headGetsTheSameHeadersAsGet() throws Exception {
        Handler handler = StaticFiles.fromDirectory(root).handler();
        Response get = get(handler, "/app.js");
        Response head = send(handler, HttpMethod.HEAD, "/app.js");

        assertThat(head.status().code()).isEqualTo(200);
        assertThat(head.headers().toString()).isEqualTo(get.headers().toString());
        assertThat(head.body().length()).isEqualTo(get.body().length());
    }

    @Test
    void otherMethodsGet405WithAllow() throws Exception {
        Response response = send(StaticFiles.fromDirectory(root).handler(), HttpMethod.POST, "/app.js");
        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void missingFileIs404WithAShortMessage() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler(), "/nope.css");
        assertThat(response.status().code()).isEqualTo(404);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.errorDetail()).isEqualTo("No file at this path");
    }

    @Test
    void dotfilesAreHidden() throws Exception {
        Handler handler = StaticFiles.fromDirectory(root).handler();
        assertThat(get(handler, "/.env").status().code()).isEqualTo(404);
    }

    @Test
    void dotDirectoriesAreHidden() throws Exception {
        Handler handler = StaticFiles.fromDirectory(root).handler();
        assertThat(get(handler, "/.git/config").status().code()).isEqualTo(404);
        assertThat(get(handler, "/%2egit/config").status().code()).isEqualTo(404);
    }

    @Test
    void dotDotIsRejectedBeforeReachingTheHandler() {
        assertThatThrownBy(() -> Request.builder(HttpMethod.GET, "/../outside.txt").build())
                .isInstanceOf(HttpException.class);
        assertThatThrownBy(() -> Request.builder(HttpMethod.GET, "/%2e%2e/outside.txt").build())
                .isInstanceOf(HttpException.class);
    }

    @Test
    void symlinkLeadingOutsideTheRootIsNotFollowed() throws Exception {
        Files.createSymbolicLink(root.resolve("escape.txt"), temp.resolve("outside.txt"));
        Files.createSymbolicLink(root.resolve("escape-dir"), temp);

        Handler handler = StaticFiles.fromDirectory(root).handler();

        assertThat(get(handler, "/escape.txt").status().code()).isEqualTo(404);
        assertThat(get(handler, "/escape-dir/outside.txt").status().code()).isEqualTo(404);
    }

    @Test
    void symlinkInsideTheRootIsServed() throws Exception {
        Files.createSymbolicLink(root.resolve("alias.js"), root.resolve("app.js"));
        Response response = get(StaticFiles.fromDirectory(root).handler(), "/alias.js");
        assertThat(response.status().code()).isEqualTo(200);
        assertThat(text(response)).isEqualTo("console.log(1)");
    }

    @Test
    void symlinkToAHiddenFileInsideTheRootIsNotServed() throws Exception {
        Files.createSymbolicLink(root.resolve("config.txt"), root.resolve(".git/config"));
        assertThat(get(StaticFiles.fromDirectory(root).handler(), "/config.txt").status().code()).isEqualTo(404);
    }

    @Test
    void directoryWithSlashServesItsIndex() throws Exception {
        Handler handler = StaticFiles.fromDirectory(root).handler();
        assertThat(text(get(handler, "/"))).isEqualTo("<h1>home</h1>");
        Response docs = get(handler, "/docs/");
        assertThat(text(docs)).isEqualTo("<h1>docs</h1>");
        assertThat(docs.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
    }

    @Test
    void directoryWithoutSlashRedirectsToTheSlashForm() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler(), "/docs?lang=en");
        assertThat(response.status().code()).isEqualTo(301);
        assertThat(response.headers().get("Location")).isEqualTo("/docs/?lang=en");
    }

    @Test
    void redirectCannotBecomeProtocolRelative() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler(), "//docs");
        assertThat(response.headers().get("Location")).isEqualTo("/docs/");
    }

    @Test
    void directoryWithoutIndexIs404() throws Exception {
        Handler handler = StaticFiles.fromDirectory(root).handler();
        assertThat(get(handler, "/empty-dir/").status().code()).isEqualTo(404);
        assertThat(get(handler, "/empty-dir").status().code()).isEqualTo(404);
    }

    @Test
    void indexFileCanBeDisabled() throws Exception {
        Handler handler = StaticFiles.fromDirectory(root).indexFile(null).handler();
        assertThat(get(handler, "/docs/").status().code()).isEqualTo(404);
    }

    @Test
    void prefixIsStrippedFromTheRequestPath() throws Exception {
        Handler handler = StaticFiles.fromDirectory(root).handler("/assets/*");
        assertThat(text(get(handler, "/assets/docs/guide.txt"))).isEqualTo("read me");
        assertThat(get(handler, "/docs/guide.txt").status().code()).isEqualTo(404);
        assertThat(get(handler, "/assetsdocs/guide.txt").status().code()).isEqualTo(404);
    }

    @Test
    void routerTemplatePrefixWorksToo() throws Exception {
        Handler handler = StaticFiles.fromDirectory(root).handler("/assets/{*path}");
        assertThat(text(get(handler, "/assets/app.js"))).isEqualTo("console.log(1)");
    }

    @Test
    void prefixWithoutSlashRedirectsToItsIndex() throws Exception {
        Response response = get(StaticFiles.fromDirectory(root).handler("/assets"), "/assets");
        assertThat(response.status().code()).isEqualTo(301);
        assertThat(response.headers().get("Location")).isEqualTo("/assets/");
    }

    @Test
    void cacheControlIsConfigurable() throws Exception {
        Handler custom = StaticFiles.fromDirectory(root).cacheControl("public, max-age=600").handler();
        Handler none = StaticFiles.fromDirectory(root).cacheControl(null).handler();
        assertThat(get(custom, "/app.js").headers().get("Cache-Control")).isEqualTo("public, max-age=600");
        assertThat(get(none, "/app.js").headers().contains("Cache-Control")).isFalse();
    }

    @Test
    void extraMimeTypesCanBeAdded() throws Exception {
        write("notes.md", "# hi");
        Handler handler = StaticFiles.fromDirectory(root).mimeType("md", "text/markdown; charset=utf-8").handler();
        assertThat(get(handler, "/notes.md").headers().get("Content-Type")).isEqualTo("text/markdown; charset=utf-8");
    }

    @Test
    void etagChangesWhenTheFileChanges() throws Exception {
        Handler handler = StaticFiles.fromDirectory(root).handler();
        String before = get(handler, "/app.js").headers().get("ETag");
        Files.writeString(root.resolve("app.js"), "console.log(2)");
        Files.setLastModifiedTime(root.resolve("app.js"), FileTime.from(MODIFIED.plusSeconds(5)));

        Response response = get(handler, "/app.js", "If-None-Match", before);

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get("ETag")).isNotEqualTo(before);
    }

    @Test
    void rootMustBeADirectory() {
        assertThatThrownBy(() -> StaticFiles.fromDirectory(root.resolve("app.js")).handler())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void prefixMustBeALiteralPath() {
        assertThatThrownBy(() -> StaticFiles.fromDirectory(root).handler("assets"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
