package dev.house.spring.actuate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.testing.HttpProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Actuator's web endpoints on house's own port, in an application whose only web server is house. */
@SpringBootTest(classes = ActuatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=none", "house.event-loops=1",
                "management.endpoints.web.exposure.include=health,info,metrics,prometheus,loggers,house",
                "management.endpoint.health.show-details=always",
                "management.endpoint.health.probes.enabled=true",
                "management.health.redis.enabled=false" })
class ActuatorOverHouseTests {

    @LocalServerPort
    int port;

    @Autowired
    LoggingSystem loggingSystem;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void healthIsUpWithHouseAmongItsComponents() throws Exception {
        HttpResponse<String> response = HttpProbe.get(port, "/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/vnd.spring-boot.actuator.v3+json"));
        JsonNode health = json.readTree(response.body());
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("house").get("details").get("port").asInt()).isEqualTo(port);
    }

    @Test
    void livenessAndReadinessProbesAnswer() throws Exception {
        assertThat(HttpProbe.get(port, "/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
        assertThat(HttpProbe.get(port, "/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void anUnknownHealthGroupIsNotFound() throws Exception {
        assertThat(HttpProbe.get(port, "/actuator/health/no-such-group").statusCode()).isEqualTo(404);
    }

    @Test
    void theDiscoveryPageLinksTheExposedEndpoints() throws Exception {
        JsonNode links = json.readTree(HttpProbe.get(port, "/actuator").body()).get("_links");
        assertThat(links.get("health").get("href").asString()).isEqualTo("http://127.0.0.1:" + port + "/actuator/health");
        assertThat(links.has("prometheus")).isTrue();
    }

    @Test
    void requestMetricsAreServedWithTheRouteTemplateAsUri() throws Exception {
        assertThat(HttpProbe.get(port, "/orders/42").statusCode()).isEqualTo(200);
        HttpResponse<String> metric = HttpProbe.get(port, "/actuator/metrics/http.server.requests?tag=uri:/orders/%7Bid%7D");
        assertThat(metric.statusCode()).isEqualTo(200);
        JsonNode count = json.readTree(metric.body()).get("measurements").get(0);
        assertThat(count.get("statistic").asString()).isEqualTo("COUNT");
        assertThat(count.get("value").asDouble()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void eachRequestIsTimedOnceUnderBootsNameOnly() throws Exception {
        assertThat(HttpProbe.get(port, "/orders/43").statusCode()).isEqualTo(200);
        // the observation stops before the answer is written, so the timer exists by now
        assertThat(HttpProbe.get(port, "/actuator/metrics/http.server.requests").statusCode()).isEqualTo(200);
        assertThat(HttpProbe.get(port, "/actuator/metrics/house.http.server.requests").statusCode()).isEqualTo(404);
    }

    @Test
    void prometheusScrapesTheRequestMeter() throws Exception {
        assertThat(HttpProbe.get(port, "/orders/7").statusCode()).isEqualTo(200);
        HttpResponse<String> scrape = HttpProbe.get(port, "/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain"));
        assertThat(scrape.body()).containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/orders/\\{id}\"");
    }

    @Test
    void postingALoggerLevelChangesIt() throws Exception {
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/loggers/dev.house.example"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":\"TRACE\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(204);
        assertThat(loggingSystem.getLoggerConfiguration("dev.house.example").getConfiguredLevel())
                .isEqualTo(LogLevel.TRACE);
        assertThat(HttpProbe.get(port, "/actuator/loggers/dev.house.example").body())
                .contains("\"configuredLevel\":\"TRACE\"");
    }

    @Test
    void aMalformedLoggerLevelIsABadRequest() throws Exception {
        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/loggers/dev.house.example"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"configuredLevel\":"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.body()).contains("not valid JSON");
    }

    @Test
    void theHouseEndpointIsServed() throws Exception {
        HttpResponse<String> house = HttpProbe.get(port, "/actuator/house");
        assertThat(house.statusCode()).isEqualTo(200);
        assertThat(json.readTree(house.body()).get("port").asInt()).isEqualTo(port);
    }

    @Test
    void applicationRoutesStillAnswer() throws Exception {
        assertThat(HttpProbe.get(port, "/orders/1").body()).isEqualTo("order 1");
    }
}
