package dev.house.core.files;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Maps file names to {@code Content-Type} values by extension. Text types carry
 * {@code ; charset=utf-8} because static assets are expected to be UTF-8; anything unknown is
 * {@value #OCTET_STREAM} so browsers download rather than guess.
 */
public final class MimeTypes {
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final String UTF8 = "; charset=utf-8";

    private final Map<String, String> byExtension;

    private MimeTypes(Map<String, String> byExtension) {
        this.byExtension = byExtension;
    }

    /** The built-in table: html, css, js, mjs, json, svg, png, jpg/jpeg, gif, webp, ico, woff2, txt, wasm, pdf, map. */
    public static MimeTypes defaults() {
        Map<String, String> m = new HashMap<>();
        m.put("html", "text/html" + UTF8);
        m.put("htm", "text/html" + UTF8);
        m.put("css", "text/css" + UTF8);
        m.put("js", "text/javascript" + UTF8);
        m.put("mjs", "text/javascript" + UTF8);
        m.put("json", "application/json" + UTF8);
        m.put("map", "application/json" + UTF8);
        m.put("svg", "image/svg+xml" + UTF8);
        m.put("txt", "text/plain" + UTF8);
        m.put("png", "image/png");
        m.put("jpg", "image/jpeg");
        m.put("jpeg", "image/jpeg");
        m.put("gif", "image/gif");
        m.put("webp", "image/webp");
        m.put("ico", "image/x-icon");
        m.put("woff2", "font/woff2");
        m.put("wasm", "application/wasm");
        m.put("pdf", "application/pdf");
        return new MimeTypes(m);
    }

    /** A copy of this table with {@code extension} (without the dot) mapped to {@code contentType}. */
    public MimeTypes with(String extension, String contentType) {
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(contentType, "contentType");
        if (extension.isEmpty() || extension.indexOf('.') >= 0) {
            throw new IllegalArgumentException("extension must be non-empty and without a dot: " + extension);
        }
        Map<String, String> copy = new HashMap<>(byExtension);
        copy.put(extension.toLowerCase(Locale.ROOT), contentType);
        return new MimeTypes(copy);
    }

    /** The content type for this file name (case-insensitive extension), or {@value #OCTET_STREAM}. */
    public String forFileName(String fileName) {
        int slash = fileName.lastIndexOf('/');
        int dot = fileName.lastIndexOf('.');
        if (dot <= slash + 1 || dot == fileName.length() - 1) {
            return OCTET_STREAM;
        }
        String type = byExtension.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
        return type == null ? OCTET_STREAM : type;
    }
}
