package dev.house.spring.test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A response received by {@link HouseTestClient}, with chainable expectations; a failed one
 * throws {@link AssertionError} naming the request and showing the response.
 */
public final class TestExchange {

    private final HttpRequest request;
    private final HttpResponse<String> response;
    private final JsonMapper mapper;
    private @Nullable JsonNode json;

    TestExchange(HttpRequest request, HttpResponse<String> response, JsonMapper mapper) {
        this.request = request;
        this.response = response;
        this.mapper = mapper;
    }

    public TestExchange expectStatus(int status) {
        if (response.statusCode() != status) {
            throw failure("expected status " + status + " but was " + response.statusCode());
        }
        return this;
    }

    public TestExchange expectHeader(String name, String value) {
        String actual = response.headers().firstValue(name).orElse(null);
        if (!value.equals(actual)) {
            throw failure("expected header " + name + ": " + value + " but was " + actual);
        }
        return this;
    }

    public TestExchange expectBody(String body) {
        if (!body.equals(response.body())) {
            throw failure("expected body " + body);
        }
        return this;
    }

    /**
     * Expects the value at {@code path} ({@code $.a.b[0].c}) to equal {@code expected}: a string,
     * number or boolean compared with the JSON value, {@code null} for JSON null or absence.
     */
    public TestExchange expectJsonPath(String path, @Nullable Object expected) {
        JsonNode node = JsonPath.find(json(), path);
        Object actual = JsonPath.value(node);
        boolean equal = expected instanceof Number number && actual instanceof Number found
                ? number.doubleValue() == found.doubleValue()
                : Objects.equals(expected, actual);
        if (!equal) {
            throw failure("expected " + path + " to be " + expected + " but was " + actual);
        }
        return this;
    }

    /** Hands the value at {@code path} (a string, number, boolean, or the node itself) to {@code assertion}. */
    public TestExchange expectJsonPath(String path, Consumer<@Nullable Object> assertion) {
        JsonNode node = JsonPath.find(json(), path);
        assertion.accept(node != null && node.isContainer() ? node : JsonPath.value(node));
        return this;
    }

    public int status() {
        return response.statusCode();
    }

    public @Nullable String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    public String body() {
        return response.body();
    }

    /** The body as JSON. */
    public JsonNode json() {
        if (json == null) {
            try {
                json = mapper.readTree(response.body());
            } catch (JacksonException ex) {
                throw failure("expected a JSON body: " + ex.getOriginalMessage());
            }
        }
        return json;
    }

    /** The body read as {@code type} by the client's mapper. */
    public <T> T bodyAs(Class<T> type) {
        return mapper.readValue(response.body(), type);
    }

    private AssertionError failure(String message) {
        return new AssertionError(request.method() + " " + request.uri() + ": " + message
                + "\n  response: " + response.statusCode() + " " + response.headers().map() + "\n  " + response.body());
    }
}
