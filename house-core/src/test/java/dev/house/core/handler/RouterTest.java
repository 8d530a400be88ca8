package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.DELETE;
import static dev.house.core.http.HttpMethod.GET;
import static dev.house.core.http.HttpMethod.HEAD;
import static dev.house.core.http.HttpMethod.POST;
import static dev.house.core.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.http.Body;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.http.Route;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Routing decisions, checked by calling the router and the chosen handler directly. */
class RouterTest {

    private static Router.Builder echoing(Router.Builder b, HttpMethod method, String template) {
        return b.route(method, template, r -> Response.text(template + " " + PathVariables.of(r).asMap()));
    }

    private static String answer(Router router, HttpMethod method, String target) throws Exception {
        Request request = Request.builder(method, target).build();
        Response response = router.route(request).handler().handle(request);
        return response.status().code() + " " + text(response);
    }

    private static Response respond(Router router, HttpMethod method, String target) throws Exception {
        Request request = Request.builder(method, target).build();
        return router.route(request).handler().handle(request);
    }

    private static String text(Response response) {
        return new String(((Body.Bytes) response.body()).bytes(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void routesExactPathByMethod() throws Exception {
        Router router = Router.builder()
                .get("/index", r -> Response.text("index"))
                .post("/index", r -> Response.text("posted"))
                .build();
        assertThat(answer(router, GET, "/index")).isEqualTo("200 index");
        assertThat(answer(router, POST, "/index")).isEqualTo("200 posted");
    }

    @Test
    void capturesDecodedPathVariables() throws Exception {
        Router router = echoing(Router.builder(), GET, "/rooms/{room}/messages/{id}").build();
        assertThat(answer(router, GET, "/rooms/caf%C3%A9/messages/7"))
                .isEqualTo("200 /rooms/{room}/messages/{id} {room=café, id=7}");
    }

    @Test
    void literalSegmentBeatsVariable() throws Exception {
        Router.Builder b = Router.builder();
        echoing(b, GET, "/rooms/{room}");
        echoing(b, GET, "/rooms/lobby");
        Router router = b.build();
        assertThat(answer(router, GET, "/rooms/lobby")).isEqualTo("200 /rooms/lobby {}");
        assertThat(answer(router, GET, "/rooms/kitchen")).isEqualTo("200 /rooms/{room} {room=kitchen}");
    }

    @Test
    void backtracksFromLiteralToVariableWhenTheLiteralBranchDoesNotMatch() throws Exception {
        Router.Builder b = Router.builder();
        echoing(b, GET, "/a/b/x");
        echoing(b, GET, "/a/{v}/c");
        Router router = b.build();
        assertThat(answer(router, GET, "/a/b/c")).isEqualTo("200 /a/{v}/c {v=b}");
    }

    @Test
    void restVariableTakesTheRemainderOfThePath() throws Exception {
        Router.Builder b = Router.builder();
        echoing(b, GET, "/files/{*path}");
        echoing(b, GET, "/files/{name}/meta");
        Router router = b.build();
        assertThat(answer(router, GET, "/files/a/b/c.txt")).isEqualTo("200 /files/{*path} {path=a/b/c.txt}");
        assertThat(answer(router, GET, "/files/a/meta")).isEqualTo("200 /files/{name}/meta {name=a}");
        assertThat(answer(router, GET, "/files/")).isEqualTo("200 /files/{*path} {path=}");
        assertThat(answer(router, GET, "/files")).startsWith("404");
    }

    @Test
    void variableDoesNotMatchAnEmptySegment() throws Exception {
        Router router = echoing(Router.builder(), GET, "/rooms/{room}").build();
        assertThat(answer(router, GET, "/rooms/")).startsWith("404");
    }

    @Test
    void rootPathIsARoute() throws Exception {
        Router router = echoing(Router.builder(), GET, "/").build();
        assertThat(answer(router, GET, "/")).isEqualTo("200 / {}");
    }

    @Test
    void answers404WhenNoPathMatches() throws Exception {
        Router router = Router.builder().get("/index", r -> Response.text("index")).build();
        Response response = respond(router, GET, "/nothing");
        assertThat(response.status().code()).isEqualTo(404);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.errorDetail()).isEqualTo("No resource at this path");
    }

    @Test
    void answers405WithAllowWhenOnlyOtherMethodsServeThePath() throws Exception {
        Router router = Router.builder()
                .get("/index", r -> Response.text("index"))
                .post("/index", r -> Response.text("posted"))
                .build();
        Response response = respond(router, DELETE, "/index");
        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET, HEAD, POST");
    }

    @Test
    void allowListsMethodsOfEveryTemplateMatchingThePath() throws Exception {
        Router.Builder b = Router.builder();
        echoing(b, GET, "/rooms/lobby");
        echoing(b, PUT, "/rooms/{room}");
        Response response = respond(b.build(), DELETE, "/rooms/lobby");
        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET, HEAD, PUT");
    }

    @Test
    void methodOfAVariableRouteIsFoundPastALiteralRouteOfAnotherMethod() throws Exception {
        Router.Builder b = Router.builder();
        echoing(b, GET, "/rooms/lobby");
        echoing(b, POST, "/rooms/{room}");
        assertThat(answer(b.build(), POST, "/rooms/lobby")).isEqualTo("200 /rooms/{room} {room=lobby}");
    }

    @Test
    void headIsServedByTheGetRoute() throws Exception {
        Router router = Router.builder().get("/index", r -> Response.text("index")).build();
        assertThat(answer(router, HEAD, "/index")).isEqualTo("200 index");
    }

    @Test
    void headToAnUnsafeGetRouteIs405WithAllowListingGetWithoutHead() throws Exception {
        int[] runs = {0};
        Router router = Router.builder()
                .endpoint(Endpoint.of(GET, "/send").unsafe().raw(r -> {
                    runs[0]++;
                    return Response.text("sent");
                }))
                .build();
        Response response = respond(router, HEAD, "/send");
        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET");
        assertThat(runs[0]).isZero();
        assertThat(answer(router, GET, "/send")).isEqualTo("200 sent");
    }

    @Test
    void headToAnUnsafeGetRouteWithVariablesIs405Too() throws Exception {
        Router router = Router.builder()
                .endpoint(Endpoint.of(GET, "/rooms/{room}/send").params(dev.house.core.handler.param.Param
                        .of("room", dev.house.core.handler.param.ParamTypes.STRING)).unsafe().closing(a -> "sent"))
                .post("/rooms/{room}/send", r -> Response.text("posted"))
                .build();
        Response response = respond(router, HEAD, "/rooms/lobby/send");
        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET, POST");
    }

    @Test
    void headToAnUnsafeGetRouteIsNotPassedOnToACatchAllGetRoute() throws Exception {
        int[] runs = {0};
        Router router = Router.builder()
                .endpoint(Endpoint.of(GET, "/send").unsafe().raw(r -> {
                    runs[0]++;
                    return Response.text("sent");
                }))
                .get("/{*path}", r -> Response.text("static " + PathVariables.of(r).get("path")))
                .build();
        Response response = respond(router, HEAD, "/send");
        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get("Allow")).isEqualTo("GET");
        assertThat(runs[0]).isZero();
        assertThat(answer(router, HEAD, "/other")).isEqualTo("200 static other");
    }

    @Test
    void anExplicitHeadRouteStillAnswersHeadBesideAnUnsafeGet() throws Exception {
        Router router = Router.builder()
                .endpoint(Endpoint.of(GET, "/send").unsafe().raw(r -> Response.text("sent")))
                .route(HEAD, "/send", r -> Response.text("head"))
                .build();
        assertThat(answer(router, HEAD, "/send")).isEqualTo("200 head");
    }

    @Test
    void onlyAGetRouteCanBeDeclaredUnsafe() {
        assertThatThrownBy(() -> Endpoint.of(POST, "/send").unsafe())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only a GET route");
    }

    @Test
    void anyMethodRouteAcceptsEveryMethodButYieldsToASpecificOne() throws Exception {
        Router router = Router.builder()
                .any("/hook", r -> Response.text("any " + r.method()))
                .post("/hook", r -> Response.text("post"))
                .build();
        assertThat(answer(router, DELETE, "/hook")).isEqualTo("200 any DELETE");
        assertThat(answer(router, POST, "/hook")).isEqualTo("200 post");
    }

    @Test
    void refusesTemplatesThatDifferOnlyInVariableNames() {
        Router.Builder b = echoing(Router.builder(), GET, "/rooms/{room}");
        assertThatThrownBy(() -> echoing(b, GET, "/rooms/{id}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /rooms/{id} is ambiguous with GET /rooms/{room}");
    }

    @Test
    void redeclaringARouteReplacesIt() throws Exception {
        Router router = Router.builder()
                .get("/index", r -> Response.text("old"))
                .get("/index", r -> Response.text("new"))
                .build();
        assertThat(answer(router, GET, "/index")).isEqualTo("200 new");
    }

    @Test
    void refusesInvalidTemplates() {
        Router.Builder b = Router.builder();
        assertThatThrownBy(() -> b.get("rooms", r -> null)).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> b.get("/a//b", r -> null)).hasMessageContaining("empty segment");
        assertThatThrownBy(() -> b.get("/files/{*path}/x", r -> null)).hasMessageContaining("must be the last");
        assertThatThrownBy(() -> b.get("/a/{x}/{x}", r -> null)).hasMessageContaining("twice");
        assertThatThrownBy(() -> b.get("/a/x{y}", r -> null)).hasMessageContaining("whole segment");
        assertThatThrownBy(() -> b.get("/a/{1x}", r -> null)).hasMessageContaining("not a valid variable name");
        assertThatThrownBy(() -> b.get("/a/../b", r -> null)).hasMessageContaining("'..'");
    }

    @Test
    void routeReportsItsTemplateAndExecution() {
        Router router = Router.builder()
                .route(GET, "/rooms/{room}", r -> Response.text("x"), Execution.EVENT_LOOP)
                .get("/index", r -> Response.text("x"))
                .build();
        Route room = router.route(Request.builder(GET, "/rooms/a").build());
        assertThat(room.template()).isEqualTo("/rooms/{room}");
        assertThat(room.execution()).isEqualTo(Execution.EVENT_LOOP);
        assertThat(router.route(Request.builder(GET, "/index").build()).execution()).isEqualTo(Execution.WORKER);
    }

    @Test
    void exactPathLookupReturnsTheSameRouteWithoutPerRequestState() {
        Router router = Router.builder().get("/index", r -> Response.text("x")).build();
        Request a = Request.builder(GET, "/index").build();
        Request b = Request.builder(GET, "/index?x=1").build();
        assertThat(router.route(a)).isSameAs(router.route(b));
        assertThat(a.attribute(PathVariables.ATTRIBUTE)).isNull();
    }
}
