package dev.house.core.multipart;

import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds multipart/form-data bodies the way browsers do, for tests. */
final class MultipartBodies {
    static final String BOUNDARY = "----houseBoundary7MA4YWxkTrZu0gW";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    MultipartBodies field(String name, String value) {
        return raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
                .bytes(value.getBytes(StandardCharsets.UTF_8)).raw("\r\n");
    }

    MultipartBodies file(String name, String filename, String type, byte[] content) {
        return raw("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n").bytes(content).raw("\r\n");
    }

    MultipartBodies raw(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    MultipartBodies bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    byte[] end() {
        raw("--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    static Request request(byte[] body) {
        return request("multipart/form-data; boundary=" + BOUNDARY, body);
    }

    static Request request(String contentType, byte[] body) {
        return Request.builder(HttpMethod.POST, "/upload").header("Content-Type", contentType).body(body).build();
    }

    static Request request(String body) {
        return request(body.getBytes(StandardCharsets.UTF_8));
    }
}
