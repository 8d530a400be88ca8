package dev.house.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.http.Body;
import dev.house.core.http.Handler;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathStaticFilesTest {
    private static final long ENTRY_TIME = 1_700_000_000_000L;

    @TempDir
    Path temp;
    private URLClassLoader jarLoader;
    private byte[] large;

    @BeforeEach
    void jar() throws Exception {
        large = new byte[600 * 1024];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 31 + 7);
        }
        Path jar = temp.resolve("assets.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "static/", null);
            entry(out, "static/index.html", "<h1>jar home</h1>".getBytes(StandardCharsets.UTF_8));
            entry(out, "static/docs/", null);
            entry(out, "static/docs/index.html", "<h1>jar docs</h1>".getBytes(StandardCharsets.UTF_8));
            entry(out, "static/app.js", "jar()".getBytes(StandardCharsets.UTF_8));
            entry(out, "static/.env", "SECRET=1".getBytes(StandardCharsets.UTF_8));
            entry(out, "static/big.wasm", large);
            entry(out, "private/secret.txt", "not public".getBytes(StandardCharsets.UTF_8));
        }
        jarLoader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }

    @AfterEach
    void closeLoader() throws Exception {
        jarLoader.close();
    }

    private static void entry(JarOutputStream out, String name, byte[] content) throws Exception {
        JarEntry e = new JarEntry(name);
        e.setTime(ENTRY_TIME);
        out.putNextEntry(e);
        if (content != null) {
            out.write(content);
        }
        out.closeEntry();
    }

    private static Response get(Handler handler, String target, String... headers) throws Exception {
        Request.Builder b = Request.builder(HttpMethod.GET, target);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return handler.handle(b.build());
    }

    private static byte[] bytes(Response response) throws Exception {
        if (response.body() instanceof Body.FileRegion region) {
            return Files.readAllBytes(region.path());
        }
        return ((Body.Bytes) response.body()).bytes();
    }

    @Test
    void servesResourcesFromAClasspathDirectoryAsFiles() throws Exception {
        Handler handler = StaticFiles.fromClasspath("classpath:/web-test-static/").handler();

        Response css = get(handler, "/css/site.css");

        assertThat(css.status().code()).isEqualTo(200);
        assertThat(css.headers().get("Content-Type")).isEqualTo("text/css; charset=utf-8");
        assertThat(css.body()).isInstanceOf(Body.FileRegion.class);
        assertThat(new String(bytes(css), StandardCharsets.UTF_8)).isEqualTo("body { color: red; }");
        assertThat(bytes(get(handler, "/"))).asString().isEqualTo("<h1>classpath home</h1>");
    }

    @Test
    void servesSmallJarEntriesFromMemory() throws Exception {
        Handler handler = StaticFiles.fromClasspath("classpath:/static/", jarLoader).handler();

        Response response = get(handler, "/app.js");

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.body()).isInstanceOf(Body.Bytes.class);
        assertThat(bytes(response)).asString().isEqualTo("jar()");
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(response.headers().get("Last-Modified")).isEqualTo(dev.house.core.http.HttpDate.format(java.time.Instant.ofEpochMilli(ENTRY_TIME)));
    }

    @Test
    void streamsLargeJarEntriesFromAnExtractedCopy() throws Exception {
        Handler handler = StaticFiles.fromClasspath("classpath:/static/", jarLoader).handler();

        Response first = get(handler, "/big.wasm");
        Response second = get(handler, "/big.wasm");

        assertThat(first.body()).isInstanceOf(Body.FileRegion.class);
        assertThat(first.body().length()).isEqualTo(large.length);
        assertThat(Arrays.equals(bytes(first), large)).isTrue();
        assertThat(((Body.FileRegion) second.body()).path()).isEqualTo(((Body.FileRegion) first.body()).path());
        assertThat(first.headers().get("Content-Type")).isEqualTo("application/wasm");
    }

    @Test
    void jarEntriesAnswerConditionalRequests() throws Exception {
        Handler handler = StaticFiles.fromClasspath("classpath:/static/", jarLoader).handler();
        String etag = get(handler, "/app.js").headers().get("ETag");

        assertThat(get(handler, "/app.js", "If-None-Match", etag).status().code()).isEqualTo(304);
    }

    @Test
    void jarDirectoriesServeTheirIndex() throws Exception {
        Handler handler = StaticFiles.fromClasspath("classpath:/static/", jarLoader).handler();

        assertThat(bytes(get(handler, "/"))).asString().isEqualTo("<h1>jar home</h1>");
        assertThat(bytes(get(handler, "/docs/"))).asString().isEqualTo("<h1>jar docs</h1>");
        assertThat(get(handler, "/docs").status().code()).isEqualTo(301);
    }

    @Test
    void jarDotfilesAreHidden() throws Exception {
        Handler handler = StaticFiles.fromClasspath("classpath:/static/", jarLoader).handler();
        assertThat(get(handler, "/.env").status().code()).isEqualTo(404);
    }

    @Test
    void resourcesOutsideTheLocationAreNotServed() throws Exception {
        Handler handler = StaticFiles.fromClasspath("classpath:/static/", jarLoader).handler();
        assertThat(get(handler, "/private/secret.txt").status().code()).isEqualTo(404);
        assertThat(get(handler, "/missing.txt").status().code()).isEqualTo(404);
    }

    @Test
    void classpathRootIsRefused() {
        assertThatThrownBy(() -> StaticFiles.fromClasspath("classpath:/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classpath root");
    }

    @Test
    void extractedCopiesAreWrittenOnce() throws Exception {
        JarExtractor extractor = new JarExtractor();
        URL url = new URL("jar:" + temp.resolve("assets.jar").toUri() + "!/static/big.wasm");
        int[] opened = {0};
        JarExtractor.Opener opener = () -> {
            opened[0]++;
            return new java.io.ByteArrayInputStream(large);
        };

        Path a = extractor.extract(url, large.length, ENTRY_TIME, opener);
        Path b = extractor.extract(url, large.length, ENTRY_TIME, opener);

        assertThat(a).isEqualTo(b);
        assertThat(opened[0]).isEqualTo(1);
        assertThat(Files.readAllBytes(a)).isEqualTo(large);
    }
}
