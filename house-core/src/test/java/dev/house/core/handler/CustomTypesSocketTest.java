package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.HouseServer;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamType;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.handler.param.TypeRegistry;
import dev.house.core.http.HttpException;
import dev.house.core.http.HttpStatus;
import dev.house.core.testing.TestServers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** house's define-http-type: custom types registered once, used by class or name, depending on earlier parameters. */
class CustomTypesSocketTest {
    record Table(String id, List<String> cards) {
        Card card(String name) {
            return cards.contains(name) ? new Card(id, name) : null;
        }
    }

    record Card(String table, String name) {
    }

    record Money(long cents) {
    }

    private static final Map<String, Table> TABLES = Map.of(
            "t1", new Table("t1", List.of("ace", "king")),
            "t2", new Table("t2", List.of("queen")));

    static final ParamType<Table> TABLE = ParamType.define("table", Table.class)
            .parse((text, earlier) -> TABLES.get(text))
            .describedAs("an existing table")
            .build();

    static final ParamType<Card> CARD = ParamType.define("card", Card.class)
            .dependsOn("table")
            .parse((text, earlier) -> earlier.get("table", Table.class).card(text))
            .describedAs("a card of the table")
            .build();

    /** A positive amount with at most two decimals, like {@code 12.50}. */
    static final ParamType<Money> MONEY = ParamType.define("money", Money.class)
            .parse((text, earlier) -> new Money(new java.math.BigDecimal(text).movePointRight(2).longValueExact()))
            .assertion(m -> m.cents() > 0)
            .describedAs("a positive amount with at most two decimals")
            .build();

    private static HouseServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        TypeRegistry types = TypeRegistry.standard().register(TABLE).register(CARD).register(MONEY);
        Router router = Router.builder()
                .types(types)
                .json(GET, "/tables/{table}/cards/{card}",
                        List.of(Param.of("table", Table.class), Param.of("card", Card.class)),
                        args -> Map.of("card", args.get("card", Card.class).name(),
                                "table", args.get("table", Table.class).id()))
                .json(GET, "/pay", List.of(Param.ofType("amount", "money")),
                        args -> Map.of("cents", args.get("amount", Money.class).cents()))
                .json(GET, "/strict", List.of(Param.of("n", ParamType.define("found", String.class)
                                .parse((text, earlier) -> {
                                    throw new HttpException(HttpStatus.NOT_FOUND, "No such thing");
                                }).build())),
                        args -> Map.of())
                .build();
        server = TestServers.start(router);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void dependentTypeSeesTheEarlierParameter() throws Exception {
        JsonNode body = Http.tree(http.get("/tables/t1/cards/king"));
        assertThat(body.get("card").asString()).isEqualTo("king");
        assertThat(body.get("table").asString()).isEqualTo("t1");
    }

    @Test
    void dependentTypeRejectsValueInvalidForTheEarlierParameter() throws Exception {
        HttpResponse<String> response = http.get("/tables/t2/cards/king");
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Http.tree(response).get("errors").get(0);
        assertThat(error.get("name").asString()).isEqualTo("card");
        assertThat(error.get("reason").asString()).isEqualTo("type");
        assertThat(error.get("expected").asString()).isEqualTo("card");
        assertThat(error.get("message").asString()).isEqualTo("must be a card of the table");
    }

    @Test
    void dependentParameterIsReportedWhenItsDependencyFails() throws Exception {
        JsonNode errors = Http.tree(http.get("/tables/t9/cards/king")).get("errors");
        assertThat(errors.size()).isEqualTo(2);
        assertThat(errors.get(0).get("message").asString()).isEqualTo("must be an existing table");
        assertThat(errors.get(1).get("reason").asString()).isEqualTo("dependency");
        assertThat(errors.get(1).get("message").asString())
                .isEqualTo("cannot be checked because parameter 'table' is invalid");
    }

    @Test
    void typeFoundByNameParsesAndAsserts() throws Exception {
        assertThat(Http.tree(http.get("/pay?amount=12.50")).get("cents").asLong()).isEqualTo(1250);
    }

    @Test
    void typeAssertionFailureIsATypeError() throws Exception {
        HttpResponse<String> response = http.get("/pay?amount=-3");
        assertThat(Http.tree(response).at("/errors/0/message").asString())
                .isEqualTo("must be a positive amount with at most two decimals");
    }

    @Test
    void typeParseExceptionIsATypeError() throws Exception {
        assertThat(Http.tree(http.get("/pay?amount=1.005")).at("/errors/0/expected").asString()).isEqualTo("money");
    }

    @Test
    void typeMayAnswerWithItsOwnStatus() throws Exception {
        HttpResponse<String> response = http.get("/strict?n=x");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("No such thing");
    }

    @Test
    void dependencyMustBeDeclaredBefore() {
        Router.Builder b = Router.builder().types(TypeRegistry.standard().register(TABLE).register(CARD))
                .json(GET, "/cards", List.of(Param.of("card", CARD), Param.of("table", TABLE)), args -> null);
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GET /cards: parameter 'card' of type card depends on 'table',"
                        + " which must be declared before it");
    }

    @Test
    void unregisteredClassFailsWhenTheRouterIsBuilt() {
        Router.Builder b = Router.builder()
                .json(GET, "/cards", List.of(Param.of("card", Card.class)), args -> null);
        assertThatThrownBy(b::build).hasMessageContaining("no parameter type is registered for");
    }

    @Test
    void enumNeedsNoRegistration() throws Exception {
        Router router = Router.builder()
                .json(GET, "/e", List.of(Param.of("m", java.util.concurrent.TimeUnit.class)), args -> args.get("m"))
                .build();
        dev.house.core.http.Request request = dev.house.core.http.Request.builder(GET, "/e?m=seconds").build();
        assertThat(router.route(request).handler().handle(request).status().code()).isEqualTo(200);
    }

    @Test
    void defaultMustMeetTheRestrictions() {
        Router.Builder b = Router.builder().json(GET, "/p", List.of(Param.of("p", ParamTypes.INT)
                .restrict(dev.house.core.handler.param.Restrictions.atLeast(1)).optional(0)), args -> null);
        assertThatThrownBy(b::build).hasMessageContaining("the default of parameter 'p' violates its restriction");
    }
}
