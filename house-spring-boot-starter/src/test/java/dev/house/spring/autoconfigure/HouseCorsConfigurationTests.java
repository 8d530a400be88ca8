package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.cors.Cors;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.http.Response;
import dev.house.spring.server.HouseServerLifecycle;
import dev.house.spring.testing.StartupFailures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HouseCorsConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class))
            .withBean(HouseServerLifecycle.class, () -> null); // configuration only: no server needed

    @Test
    void noCorsWithoutAllowedOrigins() {
        runner.run(context -> assertThat(context).doesNotHaveBean(Cors.class));
    }

    @Test
    void listedOriginsGetThePolicyOfTheProperties() throws Exception {
        runner.withPropertyValues("house.cors.allowed-origins[0]=https://app.example.com",
                "house.cors.allowed-methods=GET,DELETE", "house.cors.allowed-headers=X-Token",
                "house.cors.max-age=10m").run(context -> {
                    Cors cors = context.getBean(Cors.class);
                    Response preflight = cors.before(Request.builder(HttpMethod.OPTIONS, "/rooms")
                            .header("Origin", "https://app.example.com")
                            .header("Access-Control-Request-Method", "DELETE")
                            .header("Access-Control-Request-Headers", "X-Token")
                            .build());
                    assertThat(preflight.status().code()).isEqualTo(204);
                    assertThat(preflight.headers().get("Access-Control-Allow-Origin")).isEqualTo("https://app.example.com");
                    assertThat(preflight.headers().get("Access-Control-Allow-Methods")).isEqualTo("GET, DELETE");
                    assertThat(preflight.headers().get("Access-Control-Max-Age")).isEqualTo("600");
                });
    }

    @Test
    void otherOriginsAreRefused() throws Exception {
        runner.withPropertyValues("house.cors.allowed-origins=https://app.example.com").run(context -> {
            Response preflight = context.getBean(Cors.class).before(Request.builder(HttpMethod.OPTIONS, "/")
                    .header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "GET")
                    .build());
            assertThat(preflight.status().code()).isEqualTo(403);
        });
    }

    @Test
    void userCorsWins() {
        Cors own = Cors.builder().build();
        runner.withPropertyValues("house.cors.allowed-origins=https://app.example.com")
                .withBean(Cors.class, () -> own)
                .run(context -> assertThat(context.getBean(Cors.class)).isSameAs(own));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "house.cors.allowed-origins=https://app.example.com/path | house.cors.allowed-origins",
            "house.cors.allowed-methods=FETCH                        | house.cors.allowed-methods",
            "house.cors.allowed-headers=bad header                   | house.cors.allowed-headers",
            "house.cors.max-age=-1s                                  | house.cors.max-age",
    })
    void failsStartUpNamingTheInvalidProperty(String setting, String property) {
        runner.withPropertyValues("house.cors.allowed-origins[0]=https://ok.example", setting)
                .run(context -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getName())
                        .isEqualTo(property));
    }

    @Test
    void credentialsForAnyOriginFailStartUpNamingTheOrigins() {
        runner.withPropertyValues("house.cors.allowed-origins=*", "house.cors.allow-credentials=true")
                .run(context -> {
                    InvalidConfigurationPropertyValueException failure = StartupFailures.invalidProperty(context.getStartupFailure());
                    assertThat(failure.getName()).isEqualTo("house.cors.allowed-origins");
                    assertThat(failure.getReason()).contains("credentials");
                });
    }
}
