package dev.house.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MimeTypesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "index.html|text/html; charset=utf-8",
        "site.css|text/css; charset=utf-8",
        "app.js|text/javascript; charset=utf-8",
        "mod.mjs|text/javascript; charset=utf-8",
        "data.json|application/json; charset=utf-8",
        "icon.svg|image/svg+xml; charset=utf-8",
        "a.png|image/png",
        "a.jpg|image/jpeg",
        "a.JPEG|image/jpeg",
        "a.gif|image/gif",
        "a.webp|image/webp",
        "favicon.ico|image/x-icon",
        "font.woff2|font/woff2",
        "notes.txt|text/plain; charset=utf-8",
        "app.wasm|application/wasm",
        "doc.pdf|application/pdf",
        "app.js.map|application/json; charset=utf-8",
        "archive.tar|application/octet-stream",
        "Makefile|application/octet-stream",
        "dir.d/noext|application/octet-stream",
        ".bashrc|application/octet-stream",
        "trailing.|application/octet-stream"
    })
    void mapsExtensionsToContentTypes(String fileName, String type) {
        assertThat(MimeTypes.defaults().forFileName(fileName)).isEqualTo(type);
    }
}
