package dev.house.core.handler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small {@link HttpClient} wrapper for socket-level handler tests against a server on loopback. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;

    Http(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String target) throws IOException, InterruptedException {
        return send(request(target).GET().build());
    }

    HttpResponse<String> post(String target, String contentType, String body) throws IOException, InterruptedException {
        return send(request(target).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> form(String target, String body) throws IOException, InterruptedException {
        return post(target, "application/x-www-form-urlencoded", body);
    }

    HttpResponse<String> json(String target, String body) throws IOException, InterruptedException {
        return post(target, "application/json", body);
    }

    HttpResponse<String> method(String method, String target) throws IOException, InterruptedException {
        return send(request(target).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpRequest.Builder request(String target) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode tree(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse(null);
    }
}
