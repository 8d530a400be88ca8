package dev.house.core.handler;

import static dev.house.core.http.HttpMethod.GET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.house.core.handler.param.Param;
import dev.house.core.handler.param.ParamTypes;
import dev.house.core.handler.param.Restrictions;
import dev.house.core.handler.param.Source;
import dev.house.core.http.Body;
import dev.house.core.http.Interceptor;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Mistakes in route declarations fail when declared or built, with a message naming the route and parameter. */
class EndpointDeclarationTest {

    @Test
    void parameterReadOnlyFromThePathNeedsAVariable() {
        Param<String> room = Param.of("room", ParamTypes.STRING).from(Source.PATH);
        assertThatThrownBy(() -> Router.builder().json(GET, "/rooms", List.of(room), args -> null))
                .hasMessage("route /rooms: parameter 'room' is read from the path, which has no variable {room}");
    }

    @Test
    void parameterNamedLikeAPathVariableMustReadThePath() {
        Param<String> room = Param.of("room", ParamTypes.STRING).from(Source.QUERY);
        assertThatThrownBy(() -> Router.builder().json(GET, "/rooms/{room}", List.of(room), args -> null))
                .hasMessageContaining("parameter 'room' names a path variable but is not read from the path");
    }

    @Test
    void parameterNamesAreUnique() {
        Router.Builder b = Router.builder().json(GET, "/x",
                List.of(Param.of("a", ParamTypes.STRING), Param.of("a", ParamTypes.INT)), args -> null);
        assertThatThrownBy(b::build).hasMessage("route GET /x: parameter 'a' is declared twice");
    }

    @Test
    void rawHandlerCannotDeclareParameters() {
        assertThatThrownBy(() -> Endpoint.of(GET, "/x").params(Param.of("a", ParamTypes.STRING)).raw(r -> null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidPatternFailsWhenDeclared() {
        assertThatThrownBy(() -> Restrictions.pattern("[a-"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid pattern");
    }

    @Test
    void redeclaringARouteLogsAWarning() {
        Logger logger = (Logger) LoggerFactory.getLogger(Router.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Router.builder().get("/index", r -> null).get("/index", r -> null);
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Route GET /index declared again; the new handler replaces the earlier one");
    }

    @Test
    void handlerReadsTheRequestAndInterceptorAttributes() throws Exception {
        Router router = Router.builder()
                .intercept(new Interceptor() {
                    @Override
                    public Response before(Request request) {
                        request.attribute("user", "ann");
                        return null;
                    }
                })
                .closing(GET, "/me", List.of(), args -> args.request().attribute("user") + " via "
                        + args.request().header("User-Agent"))
                .build();
        Request request = Request.builder(GET, "/me").header("User-Agent", "test").build();
        Response response = router.route(request).handler().handle(request);
        assertThat(new String(((Body.Bytes) response.body()).bytes(), StandardCharsets.UTF_8)).isEqualTo("ann via test");
    }

    @Test
    void argumentsArePositionalForReflectiveCallers() throws Exception {
        Router router = Router.builder()
                .json(GET, "/p/{a}", List.of(Param.of("a", ParamTypes.INT), Param.of("b", ParamTypes.STRING).optional()),
                        args -> args.values())
                .build();
        Request request = Request.builder(GET, "/p/5").build();
        Response response = router.route(request).handler().handle(request);
        assertThat(new String(((Body.Bytes) response.body()).bytes(), StandardCharsets.UTF_8)).isEqualTo("[5,null]");
    }
}
