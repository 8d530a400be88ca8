package dev.house.core.cors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Response;
import dev.house.core.testing.Intercepted;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.RawHttpClient.HttpResponse;
import dev.house.core.testing.TestServers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorsSocketTest {
    private static final String APP = "http://localhost:5173";
    private HouseServer server;

    @BeforeEach
    void start() {
        Cors cors = Cors.builder()
                .allow(APP, CorsPolicy.builder()
                        .allowMethods(HttpMethod.GET, HttpMethod.PUT)
                        .allowHeaders("Content-Type")
                        .allowCredentials(true)
                        .maxAge(Duration.ofHours(1))
                        .build())
                .build();
        // Preflights must be answered whatever the routes, so every path goes through the interceptor.
        server = TestServers.start(Intercepted.everything(Intercepted.handler(r -> Response.text("data"), cors)));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse send(String head) throws Exception {
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            return client.send(head + "Host: localhost\r\n\r\n").read();
        }
    }

    @Test
    void preflightFromAnAllowedOriginIsApprovedWithCredentials() throws Exception {
        HttpResponse response = send("OPTIONS /api/doc HTTP/1.1\r\nOrigin: " + APP + "\r\n"
                + "Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: content-type\r\n");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(response.header("Access-Control-Allow-Methods")).isEqualTo("GET, PUT");
        assertThat(response.header("Access-Control-Allow-Headers"))
                .isEqualTo("Accept, Accept-Language, Content-Language, Content-Type");
        assertThat(response.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(response.header("Access-Control-Max-Age")).isEqualTo("3600");
    }

    @Test
    void preflightFromADisallowedOriginIsForbidden() throws Exception {
        HttpResponse response = send("OPTIONS /api/doc HTTP/1.1\r\nOrigin: http://evil.example\r\n"
                + "Access-Control-Request-Method: PUT\r\n");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
        assertThat(response.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void actualRequestFromAnAllowedOriginCanBeRead() throws Exception {
        HttpResponse response = send("GET /api/doc HTTP/1.1\r\nOrigin: " + APP + "\r\n");

        assertThat(response.bodyText()).isEqualTo("data");
        assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo(APP);
        assertThat(response.header("Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(response.header("Vary")).isEqualTo("Origin");
    }

    @Test
    void actualRequestFromADisallowedOriginGetsNoCorsHeaders() throws Exception {
        HttpResponse response = send("GET /api/doc HTTP/1.1\r\nOrigin: http://evil.example\r\n");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).isNull();
    }
}
