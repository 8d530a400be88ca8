package dev.house.spring.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.http.Interceptor;
import dev.house.core.handler.param.Source;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.core.session.Session;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.testing.HttpProbe;
import jakarta.validation.constraints.Size;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class HouseHandlerConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class, HouseAutoConfiguration.class))
            .withPropertyValues("house.port=0", "house.event-loops=1");

    @Test
    void checksArgumentsWithTheApplicationsValidator() {
        runner.withBean(Greeter.class).run(context -> {
            assertThat(context).hasSingleBean(ArgumentCheck.class);
            int port = context.getBean(HouseServer.class).port();
            assertThat(HttpProbe.get(port, "/hello/" + "x".repeat(9)).statusCode()).isEqualTo(400);
            assertThat(HttpProbe.get(port, "/hello/ada").body()).isEqualTo("hello ada");
        });
    }

    @Test
    void runsWithoutCheckingWhenNoValidatorIsOnTheClasspath() {
        runner.withClassLoader(new FilteredClassLoader("jakarta.validation", "org.hibernate.validator"))
                .withBean(Greeter.class)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ArgumentCheck.class);
                    int port = context.getBean(HouseServer.class).port();
                    assertThat(HttpProbe.get(port, "/hello/" + "x".repeat(9)).statusCode()).isEqualTo(200);
                });
    }

    @Test
    void userArgumentCheckWins() {
        ArgumentCheck none = (bean, method, args, names, bodies) -> List.of();
        runner.withBean(ArgumentCheck.class, () -> none).withBean(Greeter.class).run(context -> {
            assertThat(context.getBean(ArgumentCheck.class)).isSameAs(none);
            int port = context.getBean(HouseServer.class).port();
            assertThat(HttpProbe.get(port, "/hello/" + "x".repeat(9)).statusCode()).isEqualTo(200);
        });
    }

    @Test
    void interceptorBeansRunAroundEveryRouteInOrder() {
        runner.withBean(Greeter.class).withUserConfiguration(Interceptors.class).run(context -> {
            int port = context.getBean(HouseServer.class).port();
            HttpResponse<String> response = HttpProbe.get(port, "/hello/ada");
            assertThat(response.headers().firstValue("X-Seen")).hasValue("inner,outer");
        });
    }

    @Test
    void conflictingRoutesFailStartUpNamingBothMethods() {
        runner.withBean(Greeter.class).withBean(OtherGreeter.class).run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .hasMessageContaining(Greeter.class.getName() + "#hello(String)")
                .hasMessageContaining(OtherGreeter.class.getName() + "#hi(String)"));
    }

    @Test
    void aParameterWithoutATypeFailsStartUpNamingTheMethod() {
        runner.withBean(UntypedParameter.class).run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .hasMessageContaining(UntypedParameter.class.getName() + "#show(Thread)")
                .hasMessageContaining("no parameter type is registered for java.lang.Thread"));
    }

    @Test
    void aStreamRouteMustReturnAResponse() {
        runner.withBean(BadStream.class).run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .hasMessageContaining(BadStream.class.getName() + "#events()")
                .hasMessageContaining("stream route returns the Response"));
    }

    @Test
    void aParameterNamingNoPathVariableFailsStartUpNamingTheMethod() {
        runner.withBean(PathOnlyParameter.class).run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .hasMessageContaining(PathOnlyParameter.class.getName() + "#show(String)"));
    }

    @Test
    void aSessionParameterFailsStartUpWhenSessionsAreDisabled() {
        runner.withPropertyValues("house.session.enabled=false").withBean(SessionUser.class).run(context -> assertThat(context)
                .hasFailed()
                .getFailure()
                .hasMessageContaining(SessionUser.class.getName() + "#me(Session)")
                .hasMessageContaining("house.session.enabled=false"));
    }

    @HouseHandler
    static class SessionUser {

        @JsonRoute(path = "/me")
        String me(Session session) {
            return session.toString();
        }
    }

    @HouseHandler
    static class Greeter {

        @ClosingRoute(path = "/hello/{name}")
        String hello(@Size(max = 8) String name) {
            return "hello " + name;
        }
    }

    @HouseHandler
    static class OtherGreeter {

        @ClosingRoute(path = "/hello/{who}")
        String hi(String who) {
            return "hi " + who;
        }
    }

    @HouseHandler
    static class UntypedParameter {

        @JsonRoute(path = "/threads/{thread}")
        String show(Thread thread) {
            return thread.getName();
        }
    }

    @HouseHandler
    static class BadStream {

        @StreamRoute(path = "/events")
        String events() {
            return "not a stream";
        }
    }

    @HouseHandler
    static class PathOnlyParameter {

        @JsonRoute(path = "/rooms")
        String show(@HttpParam(from = Source.PATH) String room) {
            return room;
        }
    }

    /** Appends its tag on the way out, so the header shows the nesting. */
    record Tagging(String tag) implements Interceptor {
        @Override
        public Response after(Request request, Response response) {
            String seen = response.headers().get("X-Seen");
            return response.header("X-Seen", seen == null ? tag : seen + "," + tag);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Interceptors {

        @Bean
        @Order(2)
        Interceptor inner() {
            return new Tagging("inner");
        }

        @Bean
        @Order(1)
        Interceptor outer() {
            return new Tagging("outer");
        }
    }
}
