package dev.house.spring.actuate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.testing.HttpProbe;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/** Actuator on a house listener of its own at {@code management.server.port}. */
@SpringBootTest(classes = ActuatorApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=none", "house.event-loops=1",
                "management.server.port=0", "management.health.redis.enabled=false",
                "management.endpoints.web.exposure.include=health,prometheus,loggers",
                "management.endpoint.health.probes.enabled=true" })
class ActuatorOnManagementPortTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Test
    void actuatorAnswersOnTheManagementPortOnly() throws Exception {
        assertThat(managementPort).isPositive().isNotEqualTo(port);
        assertThat(HttpProbe.get(managementPort, "/actuator/health").body()).contains("\"status\":\"UP\"");
        assertThat(HttpProbe.get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(HttpProbe.get(port, "/actuator/health").statusCode()).isEqualTo(404);
        assertThat(HttpProbe.get(port, "/orders/3").body()).isEqualTo("order 3");
    }

    @Test
    void prometheusOnTheManagementPortSeesRequestsOfTheApplicationPort() throws Exception {
        HttpProbe.get(port, "/orders/5");
        assertThat(HttpProbe.get(managementPort, "/actuator/prometheus").body())
                .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/orders/\\{id}\"");
    }

    @Test
    void readinessIsOutOfServiceWhileHouseDrains() throws Exception {
        ActuatorApplication.release = new CountDownLatch(1);
        ActuatorApplication.slowStarted = new CountDownLatch(1);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ActuatorApplication.class)
                .web(WebApplicationType.NONE)
                .run("--house.port=0", "--house.event-loops=1", "--management.server.port=0",
                        "--management.health.redis.enabled=false", "--management.endpoint.health.probes.enabled=true",
                        "--spring.main.banner-mode=off");
        int appPort = Integer.parseInt(context.getEnvironment().getProperty("local.house.port"));
        int mgmtPort = Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
        try {
            assertThat(HttpProbe.get(mgmtPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
            CompletableFuture<HttpResponse<String>> slow = HttpProbe.getAsync(appPort, "/slow");
            assertThat(ActuatorApplication.slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

            Thread closer = new Thread(context::close, "test-close");
            closer.start();
            HttpProbe.await(() -> readinessStatus(mgmtPort) == 503, "readiness answers 503 while draining");
            assertThat(HttpProbe.get(mgmtPort, "/actuator/health/readiness").body())
                    .contains("\"status\":\"OUT_OF_SERVICE\"");

            ActuatorApplication.release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("slow done");
            closer.join(15_000);
            assertThat(closer.isAlive()).isFalse();
        } finally {
            ActuatorApplication.release.countDown();
            context.close();
        }
    }

    private static int readinessStatus(int port) {
        try {
            return HttpProbe.get(port, "/actuator/health/readiness").statusCode();
        } catch (Exception ex) {
            return -1;
        }
    }
}
