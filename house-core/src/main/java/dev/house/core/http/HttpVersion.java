package dev.house.core.http;

/**
 * The protocol versions house speaks; later 1.x minor versions are served as HTTP/1.1. HTTP/2
 * requests (RFC 9113) reach handlers as the same {@link Request}, with this version.
 */
public enum HttpVersion {
    HTTP_1_0("HTTP/1.0"),
    HTTP_1_1("HTTP/1.1"),
    HTTP_2("HTTP/2");

    private final String text;

    HttpVersion(String text) {
        this.text = text;
    }

    /** The version as it appears on the wire, e.g. {@code HTTP/1.1}. */
    public String text() {
        return text;
    }
}
