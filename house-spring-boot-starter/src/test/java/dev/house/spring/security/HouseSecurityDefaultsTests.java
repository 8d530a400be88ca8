package dev.house.spring.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.handler.ClosingRoute;
import dev.house.spring.handler.HouseHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

/** Secure by default, as Boot is for MVC: no house security configuration, only Spring Security on the class path. */
@EnabledIf("dev.house.spring.security.HouseSecurityApplicationTests#springBootSecurityPresent")
class HouseSecurityDefaultsTests {

    private static final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static HttpResponse<String> get(int port, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    @SpringBootTest(classes = HelloApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = { "house.port=0", "house.event-loops=1" })
    class Default {
        @Value("${local.house.port}")
        int port;

        @Test
        void everyRouteNeedsAUser() throws Exception {
            HttpResponse<String> response = get(port, "/hello", null);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"house\"");
        }

        @Test
        void bootsGeneratedUserIsLoggedAndSignsIn(CapturedOutput output) throws Exception {
            Matcher password = Pattern.compile("Using generated security password: (\\S+)").matcher(output.getAll());
            assertThat(password.find()).as("the start-up log names the generated password").isTrue();
            String basic = "Basic " + Base64.getEncoder()
                    .encodeToString(("user:" + password.group(1)).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = get(port, "/hello", basic);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hello");
        }

        @Test
        void theHealthProbesAreOpen() throws Exception {
            // Actuator is served by house here: the probe answers without credentials (secured: 401).
            assertThat(get(port, "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    @SpringBootTest(classes = HelloApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
            properties = { "house.port=0", "house.event-loops=1", "house.security.enabled=false" })
    class TurnedOff {
        @Value("${local.house.port}")
        int port;

        @Test
        void routesAreOpenAndStartUpWarns(CapturedOutput output) throws Exception {
            assertThat(get(port, "/hello", null).statusCode()).isEqualTo(200);
            assertThat(output.getAll()).contains("house.security.enabled=false")
                    .contains("NOT secured");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HelloApplication {
        @Bean
        Hello hello() {
            return new Hello();
        }
    }

    @HouseHandler
    static class Hello {
        @ClosingRoute(path = "/hello", contentType = "text/plain")
        public String hello() {
            return "hello";
        }
    }
}
