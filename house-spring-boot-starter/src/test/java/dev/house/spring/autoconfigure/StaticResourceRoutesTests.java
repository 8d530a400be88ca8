package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.http.Response;
import dev.house.spring.testing.HttpProbe;
import dev.house.spring.testing.StartupFailures;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

class StaticResourceRoutesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class))
            .withPropertyValues("house.port=0", "house.event-loops=1",
                    "house.static.locations=classpath:/house-test-static/");

    @Test
    void servesFilesOfAClasspathLocation() {
        runner.run(context -> {
            HttpResponse<String> response = HttpProbe.get(port(context), "/css/site.css");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/css"));
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(response.body()).isEqualTo("body { color: teal; }\n");
        });
    }

    @Test
    void servesTheIndexFileAtTheRoot() {
        runner.run(context -> assertThat(HttpProbe.get(port(context), "/").body()).contains("<h1>welcome</h1>"));
    }

    @Test
    void answers404ForAMissingFile() {
        runner.run(context -> assertThat(HttpProbe.get(port(context), "/nope.js").statusCode()).isEqualTo(404));
    }

    @Test
    void routesOfTheApplicationBeatStaticFiles() {
        runner.withBean(HouseRouterCustomizer.class, () -> router -> router.get("/", r -> Response.text("a route")))
                .run(context -> {
                    assertThat(HttpProbe.get(port(context), "/").body()).isEqualTo("a route");
                    assertThat(HttpProbe.get(port(context), "/css/site.css").statusCode()).isEqualTo(200);
                });
    }

    @Test
    void theFirstLocationHoldingAFileServesIt() {
        runner.withPropertyValues("house.static.locations=classpath:/house-test-static/,classpath:/house-test-static-extra/")
                .run(context -> {
                    assertThat(HttpProbe.get(port(context), "/extra.txt").body()).isEqualTo("from the second location\n");
                    assertThat(HttpProbe.get(port(context), "/css/site.css").statusCode()).isEqualTo(200);
                });
    }

    @Test
    void servesUnderThePathPrefixWithItsCacheControl() {
        runner.withPropertyValues("house.static.path-prefix=/assets/", "house.static.cache-control=max-age=60")
                .run(context -> {
                    HttpResponse<String> response = HttpProbe.get(port(context), "/assets/css/site.css");
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=60");
                    assertThat(HttpProbe.get(port(context), "/css/site.css").statusCode()).isEqualTo(404);
                });
    }

    @Test
    void servesADirectoryLocation(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("notes.txt"), "on disk");
        runner.withPropertyValues("house.static.locations=file:" + directory + "/")
                .run(context -> assertThat(HttpProbe.get(port(context), "/notes.txt").body()).isEqualTo("on disk"));
    }

    @Test
    void skipsLocationsThatDoNotExist() {
        runner.withPropertyValues("house.static.locations=classpath:/no-such-folder/").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(HttpProbe.get(port(context), "/index.html").statusCode()).isEqualTo(404);
        });
    }

    @Test
    void servesNothingWhenDisabled() {
        runner.withPropertyValues("house.static.enabled=false")
                .run(context -> assertThat(HttpProbe.get(port(context), "/css/site.css").statusCode()).isEqualTo(404));
    }

    @Test
    void aLocationWithoutSchemeFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("house.static.locations=static").run(context -> {
            InvalidConfigurationPropertyValueException cause = StartupFailures.invalidProperty(context.getStartupFailure());
            assertThat(cause.getName())
                    .isEqualTo("house.static.locations");
        });
    }

    private static int port(ApplicationContext context) {
        return context.getBean(HouseServer.class).port();
    }
}
