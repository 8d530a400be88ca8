package dev.house.core.handler;

import static dev.house.core.handler.param.Restrictions.atLeast;
import static dev.house.core.handler.param.Restrictions.between;
import static dev.house.core.handler.param.Restrictions.each;
import static dev.house.core.handler.param.Restrictions.lengthBetween;
import static dev.house.core.handler.param.Restrictions.oneOf;
import static dev.house.core.handler.param.Restrictions.pattern;
import static dev.house.core.handler.param.Restrictions.satisfies;
import static dev.house.core.handler.param.Restrictions.sizeBetween;
import static dev.house.core.http.HttpMethod.GET;
import static dev.house.core.http.HttpMethod.POST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.param.InvalidParametersException;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.handler.param.Source;
import dev.house.core.testing.TestServers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Sources, restrictions and the problem-details answer over real sockets. */
class ValidationSocketTest {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static HouseServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        Param<String> room = Param.of("room", ParamTypes.STRING).restrict(lengthBetween(1, 16));
        Param<String> name = Param.of("name", ParamTypes.STRING).restrict(lengthBetween(1, 64));
        Param<String> message = Param.of("message", ParamTypes.STRING).restrict(lengthBetween(5, 256));
        Router router = Router.builder()
                .json(POST, "/send-message", List.of(room, name, message), args -> {
                    RUNS.incrementAndGet();
                    return Map.of("room", args.get(room), "name", args.get(name), "message", args.get(message));
                })
                .json(GET, "/rooms/{room}", List.of(room), args -> Map.of("room", args.get(room)))
                .json(GET, "/page", List.of(Param.of("page", ParamTypes.INT).from(Source.QUERY).optional(1)
                        .restrict(atLeast(1))), args -> Map.of("page", args.get("page")))
                .json(GET, "/optional", List.of(Param.of("q", ParamTypes.STRING).optional()),
                        args -> Map.of("present", args.get("q") != null))
                .json(GET, "/checks", List.of(
                        Param.of("age", ParamTypes.INT).restrict(between(0, 150)),
                        Param.of("code", ParamTypes.STRING).restrict(pattern("[a-z]{3}")),
                        Param.of("size", ParamTypes.STRING).restrict(oneOf("s", "m", "l")),
                        Param.of("even", ParamTypes.INT).restrict(satisfies("must be even", (Integer n) -> n % 2 == 0)),
                        Param.of("tags", ParamTypes.listOf(ParamTypes.STRING))
                                .restrict(sizeBetween(1, 3), each(lengthBetween(1, 4)))),
                        args -> {
                            RUNS.incrementAndGet();
                            return Map.of("ok", true);
                        })
                .json(GET, "/query-only", List.of(Param.of("id", ParamTypes.INT).from(Source.QUERY)),
                        args -> Map.of("id", args.get("id")))
                .build();
        server = TestServers.start(router);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void resetRuns() {
        RUNS.set(0);
    }

    @Test
    void validFormBodyRunsTheHandler() throws Exception {
        HttpResponse<String> response = http.form("/send-message", "room=lobby&name=ann&message=hello+all");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.tree(response).get("message").asString()).isEqualTo("hello all");
        assertThat(RUNS.get()).isEqualTo(1);
    }

    @Test
    void validJsonBodyRunsTheHandler() throws Exception {
        HttpResponse<String> response = http.json("/send-message",
                "{\"room\":\"lobby\",\"name\":\"ann\",\"message\":\"hello all\"}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Http.tree(response).get("room").asString()).isEqualTo("lobby");
    }

    @Test
    void problemListsEveryFailingParameterAndTheHandlerDoesNotRun() throws Exception {
        HttpResponse<String> response = http.form("/send-message", "room=" + "r".repeat(17) + "&message=hey");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.contentType(response)).isEqualTo("application/problem+json");
        JsonNode problem = Http.tree(response);
        assertThat(problem.get("type").asString()).isEqualTo(InvalidParametersException.INVALID_PARAMETERS);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid request parameters");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).isEqualTo("Invalid parameters: room, name, message");
        JsonNode errors = problem.get("errors");
        assertThat(errors.size()).isEqualTo(3);
        assertThat(errors.get(0).toString()).isEqualTo("{\"name\":\"room\",\"reason\":\"restriction\","
                + "\"message\":\"length must be between 1 and 16\",\"restriction\":\"length\",\"min\":1,\"max\":16}");
        assertThat(errors.get(1).toString())
                .isEqualTo("{\"name\":\"name\",\"reason\":\"missing\",\"message\":\"is required\"}");
        assertThat(errors.get(2).get("message").asString()).isEqualTo("length must be between 5 and 256");
        assertThat(RUNS.get()).isZero();
    }

    @Test
    void lengthCountsCharactersNotBytes() throws Exception {
        HttpResponse<String> response = http.form("/send-message",
                "room=" + "%C3%A9".repeat(16) + "&name=ann&message=hello");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void neverEchoesTheRejectedValue() throws Exception {
        HttpResponse<String> response = http.get("/checks?age=%3Cscript%3Ealert(1)%3C%2Fscript%3E"
                + "&code=%3Cimg%3E&size=%3Cb%3E&even=3&tags=a");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain("<script>", "alert", "<img>", "<b>");
    }

    @Test
    void reportsEachRestrictionWithItsBounds() throws Exception {
        HttpResponse<String> response = http.get("/checks?age=151&code=ABC&size=xl&even=3&tags=a,b,c,d");
        JsonNode errors = Http.tree(response).get("errors");
        assertThat(errors.size()).isEqualTo(5);
        assertThat(errors.get(0).toString()).isEqualTo("{\"name\":\"age\",\"reason\":\"restriction\","
                + "\"message\":\"must be between 0 and 150\",\"restriction\":\"range\",\"min\":0,\"max\":150}");
        assertThat(errors.get(1).get("message").asString()).isEqualTo("must match the pattern [a-z]{3}");
        assertThat(errors.get(1).get("pattern").asString()).isEqualTo("[a-z]{3}");
        assertThat(errors.get(2).get("message").asString()).isEqualTo("must be one of s, m, l");
        assertThat(errors.get(2).get("allowed").toString()).isEqualTo("[\"s\",\"m\",\"l\"]");
        assertThat(errors.get(3).get("message").asString()).isEqualTo("must be even");
        assertThat(errors.get(4).get("message").asString()).isEqualTo("must have between 1 and 3 elements");
        assertThat(RUNS.get()).isZero();
    }

    @Test
    void restrictionOnEveryListElementReportsTheElementRule() throws Exception {
        HttpResponse<String> response = http.get("/checks?age=1&code=abc&size=s&even=2&tags=ok,toolong");
        JsonNode error = Http.tree(response).get("errors").get(0);
        assertThat(error.get("name").asString()).isEqualTo("tags");
        assertThat(error.get("message").asString()).isEqualTo("every element: length must be between 1 and 4");
    }

    @Test
    void passesWhenEveryRestrictionHolds() throws Exception {
        HttpResponse<String> response = http.get("/checks?age=150&code=abc&size=m&even=4&tags=a,bb");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(RUNS.get()).isEqualTo(1);
    }

    @Test
    void pathVariableIsAParameter() throws Exception {
        assertThat(Http.tree(http.get("/rooms/lobby")).get("room").asString()).isEqualTo("lobby");
    }

    @Test
    void pathVariableIsRestrictedLikeAnyParameter() throws Exception {
        HttpResponse<String> response = http.get("/rooms/" + "r".repeat(17));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.tree(response).at("/errors/0/name").asString()).isEqualTo("room");
    }

    @Test
    void sameValueFromPathAndQueryIsAccepted() throws Exception {
        assertThat(http.get("/rooms/lobby?room=lobby").statusCode()).isEqualTo(200);
    }

    @Test
    void differentValuesFromTwoSourcesAreAConflict() throws Exception {
        HttpResponse<String> response = http.get("/rooms/lobby?room=kitchen");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Http.tree(response).get("errors").get(0);
        assertThat(error.get("reason").asString()).isEqualTo("conflict");
        assertThat(error.get("message").asString()).isEqualTo("has different values in the path and the query string");
    }

    @Test
    void differentValuesInBodyAndQueryAreAConflict() throws Exception {
        HttpResponse<String> response = http.form("/send-message?room=kitchen", "room=lobby&name=ann&message=hello");
        assertThat(Http.tree(response).at("/errors/0/reason").asString()).isEqualTo("conflict");
        assertThat(RUNS.get()).isZero();
    }

    @Test
    void repeatedSingleValueParameterIsRejected() throws Exception {
        HttpResponse<String> response = http.get("/page?page=1&page=2");
        JsonNode error = Http.tree(response).get("errors").get(0);
        assertThat(error.get("reason").asString()).isEqualTo("repeated");
        assertThat(error.get("message").asString()).isEqualTo("must be given once but was given 2 times");
    }

    @Test
    void absentOptionalParameterTakesItsDefault() throws Exception {
        assertThat(Http.tree(http.get("/page")).get("page").asInt()).isEqualTo(1);
    }

    @Test
    void presentOptionalParameterIsStillValidated() throws Exception {
        HttpResponse<String> response = http.get("/page?page=0");
        assertThat(Http.tree(response).at("/errors/0/message").asString()).isEqualTo("must be at least 1");
    }

    @Test
    void absentOptionalParameterWithoutDefaultIsNull() throws Exception {
        assertThat(Http.tree(http.get("/optional")).get("present").asBoolean()).isFalse();
        assertThat(Http.tree(http.get("/optional?q=x")).get("present").asBoolean()).isTrue();
    }

    @Test
    void parameterReadOnlyFromQueryIgnoresTheBody() throws Exception {
        HttpResponse<String> response = http.send(http.request("/query-only")
                .method("GET", java.net.http.HttpRequest.BodyPublishers.ofString("id=5"))
                .header("Content-Type", "application/x-www-form-urlencoded").build());
        assertThat(Http.tree(response).at("/errors/0/reason").asString()).isEqualTo("missing");
    }

    @Test
    void malformedJsonBodyIsAnInvalidBodyProblem() throws Exception {
        HttpResponse<String> response = http.json("/send-message", "{\"room\": <oops>");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.contentType(response)).isEqualTo("application/problem+json");
        JsonNode problem = Http.tree(response);
        assertThat(problem.get("type").asString()).isEqualTo(InvalidParametersException.INVALID_BODY);
        assertThat(problem.get("detail").asString()).isEqualTo("The request body is not valid JSON");
        assertThat(response.body()).doesNotContain("oops");
    }

    @Test
    void jsonBodyWithTrailingContentIsRejected() throws Exception {
        HttpResponse<String> response = http.json("/send-message",
                "{\"room\":\"a\",\"name\":\"ann\",\"message\":\"hello\"} {}");
        assertThat(Http.tree(response).get("type").asString()).isEqualTo(InvalidParametersException.INVALID_BODY);
        assertThat(RUNS.get()).isZero();
    }

    @Test
    void jsonBodyThatIsNotAnObjectIsRejected() throws Exception {
        HttpResponse<String> response = http.json("/send-message", "[1,2]");
        assertThat(Http.tree(response).get("detail").asString()).isEqualTo("The JSON request body must be an object");
    }

    @Test
    void jsonBodyRepeatingAPropertyIsRejected() throws Exception {
        HttpResponse<String> response = http.json("/send-message",
                "{\"room\":\"a\",\"room\":\"b\",\"name\":\"ann\",\"message\":\"hello\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(RUNS.get()).isZero();
    }

    @Test
    void malformedFormEncodingIsAnInvalidBodyProblem() throws Exception {
        HttpResponse<String> response = http.form("/send-message", "room=%zz&name=ann&message=hello");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.tree(response).get("type").asString()).isEqualTo(InvalidParametersException.INVALID_BODY);
    }

    @Test
    void bodyOfAnotherMediaTypeIsUnsupported() throws Exception {
        HttpResponse<String> response = http.post("/send-message", "text/plain", "room=lobby");
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(RUNS.get()).isZero();
    }
}
