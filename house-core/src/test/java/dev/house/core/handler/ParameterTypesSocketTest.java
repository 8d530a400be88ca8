package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.GET;
import static dev.house.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.house.core.HouseServer;
import dev.house.core.handler.param.InvalidParametersException;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamType;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.testing.TestServers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Every built-in parameter type over real sockets: valid, invalid and missing values, and list forms. */
class ParameterTypesSocketTest {
    enum Colour { RED, GREEN, DARK_BLUE }

    record Point(int x, int y) {
    }

    private static HouseServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        Router.Builder b = Router.builder();
        echo(b, "string", ParamTypes.STRING);
        echo(b, "int", ParamTypes.INT);
        echo(b, "long", ParamTypes.LONG);
        echo(b, "double", ParamTypes.DOUBLE);
        echo(b, "boolean", ParamTypes.BOOLEAN);
        echo(b, "colour", ParamTypes.keyword(Colour.class));
        echo(b, "size", ParamTypes.keyword("small", "large"));
        echo(b, "uuid", ParamTypes.UUID);
        echo(b, "date", ParamTypes.DATE);
        echo(b, "instant", ParamTypes.INSTANT);
        echo(b, "json", ParamTypes.JSON);
        echo(b, "point", ParamTypes.json(Point.class));
        echo(b, "ints", ParamTypes.listOf(ParamTypes.INT));
        echo(b, "strings", ParamTypes.listOf(ParamTypes.STRING));
        server = TestServers.start(b.build());
        http = new Http(server.port());
    }

    private static <T> void echo(Router.Builder b, String name, ParamType<T> type) {
        List<Param<?>> params = List.of(Param.of("v", type));
        b.json(GET, "/" + name, params, args -> Map.of("v", args.get("v")));
        b.json(POST, "/" + name, params, args -> Map.of("v", args.get("v")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> validValues() {
        return Stream.of(
                arguments("string", "hello%20world", "\"hello world\""),
                arguments("string", "", "\"\""),
                arguments("int", "42", "42"),
                arguments("int", "-7", "-7"),
                arguments("long", "9007199254740993", "9007199254740993"),
                arguments("double", "-1.5e3", "-1500.0"),
                arguments("double", "0.25", "0.25"),
                arguments("boolean", "TRUE", "true"),
                arguments("boolean", "on", "true"),
                arguments("boolean", "0", "false"),
                arguments("colour", "dark-blue", "\"DARK_BLUE\""),
                arguments("colour", "Green", "\"GREEN\""),
                arguments("size", "LARGE", "\"large\""),
                arguments("uuid", "123e4567-e89b-12d3-a456-426614174000", "\"123e4567-e89b-12d3-a456-426614174000\""),
                arguments("date", "2026-11-22", "\"2026-11-22\""),
                arguments("instant", "2026-11-22T10:15:30Z", "\"2026-11-22T10:15:30Z\""),
                arguments("json", "%7B%22a%22%3A%5B1%2C2%5D%7D", "{\"a\":[1,2]}"),
                arguments("point", "%7B%22x%22%3A1%2C%22y%22%3A2%7D", "{\"x\":1,\"y\":2}"));
    }

    @ParameterizedTest(name = "{0} accepts {1}")
    @MethodSource("validValues")
    void convertsValidQueryValue(String type, String raw, String expectedJson) throws Exception {
        HttpResponse<String> response = http.get("/" + type + "?v=" + raw);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.contentType(response)).isEqualTo("application/json");
        assertThat(Http.tree(response).get("v").toString()).isEqualTo(expectedJson);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> invalidValues() {
        return Stream.of(
                arguments("int", "12abc", "integer"),
                arguments("int", "1.5", "integer"),
                arguments("int", "", "integer"),
                arguments("int", "%2B12", "integer"),
                arguments("int", "%2012", "integer"),
                arguments("int", "99999999999", "integer"),
                arguments("int", "%EF%BC%91", "integer"),
                arguments("long", "1e3", "long"),
                arguments("double", "NaN", "number"),
                arguments("double", "0x1p3", "number"),
                arguments("double", "1.", "number"),
                arguments("double", "1e999", "number"),
                arguments("boolean", "yes", "boolean"),
                arguments("colour", "purple", "Colour"),
                arguments("size", "medium", "keyword"),
                arguments("uuid", "123", "uuid"),
                arguments("uuid", "123e4567-e89b-12d3-a456-42661417400g", "uuid"),
                arguments("date", "2026-13-01", "date"),
                arguments("instant", "yesterday", "instant"),
                arguments("json", "%7Bbad", "json"),
                arguments("json", "1%202", "json"),
                arguments("json", "", "json"),
                arguments("point", "%7B%22x%22%3A%22a%22%7D", "Point"));
    }

    @ParameterizedTest(name = "{0} rejects {1}")
    @MethodSource("invalidValues")
    void rejectsInvalidQueryValueNamingTheExpectedType(String type, String raw, String expected) throws Exception {
        HttpResponse<String> response = http.get("/" + type + "?v=" + raw);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.contentType(response)).isEqualTo(InvalidParametersException.PROBLEM_JSON);
        JsonNode error = Http.tree(response).get("errors").get(0);
        assertThat(error.get("name").asString()).isEqualTo("v");
        assertThat(error.get("reason").asString()).isEqualTo("type");
        assertThat(error.get("expected").asString()).isEqualTo(expected);
        assertThat(error.get("message").asString()).startsWith("must be ");
    }

    @ParameterizedTest(name = "{0} is required")
    @ValueSource(strings = {"string", "int", "long", "double", "boolean", "colour", "size", "uuid", "date",
        "instant", "json", "point", "ints", "strings"})
    void reportsMissingValue(String type) throws Exception {
        HttpResponse<String> response = http.get("/" + type);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Http.tree(response).get("errors").get(0);
        assertThat(error.get("name").asString()).isEqualTo("v");
        assertThat(error.get("reason").asString()).isEqualTo("missing");
        assertThat(error.get("message").asString()).isEqualTo("is required");
    }

    @Test
    void listFromRepeatedParameter() throws Exception {
        assertThat(Http.tree(http.get("/ints?v=1&v=2&v=3")).get("v").toString()).isEqualTo("[1,2,3]");
    }

    @Test
    void listFromCommaSeparatedText() throws Exception {
        assertThat(Http.tree(http.get("/ints?v=1,2&v=3")).get("v").toString()).isEqualTo("[1,2,3]");
    }

    @Test
    void listFromJsonArray() throws Exception {
        assertThat(Http.tree(http.json("/ints", "{\"v\":[1,2,3]}")).get("v").toString()).isEqualTo("[1,2,3]");
    }

    @Test
    void listFromRepeatedFormField() throws Exception {
        assertThat(Http.tree(http.form("/strings", "v=a+b&v=c")).get("v").toString()).isEqualTo("[\"a b\",\"c\"]");
    }

    @Test
    void listFromSingleJsonValue() throws Exception {
        assertThat(Http.tree(http.json("/ints", "{\"v\":7}")).get("v").toString()).isEqualTo("[7]");
    }

    @Test
    void emptyValueIsAnEmptyList() throws Exception {
        assertThat(Http.tree(http.get("/ints?v=")).get("v").toString()).isEqualTo("[]");
    }

    @Test
    void listElementErrorNamesItsPosition() throws Exception {
        HttpResponse<String> response = http.get("/ints?v=1,x,3");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Http.tree(response).get("errors").get(0);
        assertThat(error.get("message").asString()).isEqualTo("element 2 must be an integer");
        assertThat(error.get("expected").asString()).isEqualTo("integer");
        assertThat(error.get("index").asInt()).isEqualTo(1);
    }

    @Test
    void jsonBodyNumberConvertsToInteger() throws Exception {
        assertThat(Http.tree(http.json("/int", "{\"v\":42}")).get("v").asInt()).isEqualTo(42);
    }

    @Test
    void jsonBodyStringOfDigitsConvertsToInteger() throws Exception {
        assertThat(Http.tree(http.json("/int", "{\"v\":\"42\"}")).get("v").asInt()).isEqualTo(42);
    }

    @Test
    void jsonBodyFractionIsNotAnInteger() throws Exception {
        HttpResponse<String> response = http.json("/int", "{\"v\":4.2}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.tree(response).at("/errors/0/reason").asString()).isEqualTo("type");
    }

    @Test
    void jsonBodyObjectIsNotAString() throws Exception {
        HttpResponse<String> response = http.json("/string", "{\"v\":{\"a\":1}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.tree(response).at("/errors/0/expected").asString()).isEqualTo("string");
    }

    @Test
    void jsonBodyNullCountsAsMissing() throws Exception {
        HttpResponse<String> response = http.json("/int", "{\"v\":null}");
        assertThat(Http.tree(response).at("/errors/0/reason").asString()).isEqualTo("missing");
    }

    @Test
    void jsonBodyObjectBindsToTree() throws Exception {
        assertThat(Http.tree(http.json("/json", "{\"v\":{\"a\":[true]}}")).get("v").toString())
                .isEqualTo("{\"a\":[true]}");
    }

    @Test
    void jsonBodyObjectBindsToRecord() throws Exception {
        assertThat(Http.tree(http.json("/point", "{\"v\":{\"x\":3,\"y\":4}}")).get("v").toString())
                .isEqualTo("{\"x\":3,\"y\":4}");
    }

    @Test
    void formBodyFieldIsDecoded() throws Exception {
        assertThat(Http.tree(http.form("/string", "v=caf%C3%A9+au+lait")).get("v").asString())
                .isEqualTo("café au lait");
    }
}
