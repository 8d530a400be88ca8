package dev.house.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import dev.house.core.sse.SseChannels;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.metrics.HouseRequestMetrics;
import dev.house.spring.metrics.HouseServerMeters;
import dev.house.spring.metrics.HouseSseMeters;
import dev.house.spring.testing.HttpProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HouseMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class, HouseMetricsAutoConfiguration.class))
            .withPropertyValues("house.port=0", "house.event-loops=1")
            .withBean(RequestRouter.class, () -> Router.builder()
                    .get("/hello", request -> Response.text("hello"))
                    .get("/boom", request -> {
                        throw new IllegalStateException("boom");
                    })
                    .build());

    @Test
    void recordsMetersWhenARegistryIsPresent() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> assertThat(context)
                .hasSingleBean(HouseRequestMetrics.class)
                .hasSingleBean(HouseServerMeters.class));
    }

    @Test
    void backsOffWithoutARegistry() {
        runner.run(context -> assertThat(context)
                .doesNotHaveBean(HouseRequestMetrics.class)
                .doesNotHaveBean(HouseServerMeters.class));
    }

    @Test
    void backsOffWithoutMicrometerOnTheClasspath() {
        runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(HouseServer.class)
                .doesNotHaveBean(HouseRequestMetrics.class)
                .doesNotHaveBean(HouseServerMeters.class));
    }

    @Test
    void backsOffWhenHouseIsDisabled() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("house.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HouseRequestMetrics.class));
    }

    @Test
    void userRequestMetricsWin() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("myMetrics", HouseRequestMetrics.class, () -> new HouseRequestMetrics(new SimpleMeterRegistry()))
                .run(context -> assertThat(context).hasSingleBean(HouseRequestMetrics.class).hasBean("myMetrics"));
    }

    @Test
    void countsFailedRequestsByException() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            int port = context.getBean(HouseServer.class).port();
            assertThat(HttpProbe.get(port, "/boom").statusCode()).isEqualTo(500);
            HttpProbe.await(() -> registry.find(HouseRequestMetrics.FAILURES).tag("exception", "IllegalStateException")
                    .counter() != null, "the failure is counted");
            assertThat(registry.get(HouseRequestMetrics.FAILURES).counter().count()).isEqualTo(1);
        });
    }

    @Test
    void aSuccessfulRequestAddsNoMeterOfItsOwn() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            int before = registry.getMeters().size();
            assertThat(HttpProbe.get(context.getBean(HouseServer.class).port(), "/hello").statusCode()).isEqualTo(200);
            // the server tells its listeners before it writes the answer, so they are done here
            assertThat(registry.getMeters()).hasSize(before);
        });
    }

    @Test
    void reportsConnectionsAndBytes() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            HouseServer server = context.getBean(HouseServer.class);
            HttpProbe.get(server.port(), "/hello");
            HttpProbe.await(() -> registry.get(HouseServerMeters.BYTES_SENT).functionCounter().count() > 0,
                    "bytes sent are counted");
            assertThat(registry.get(HouseServerMeters.BYTES_RECEIVED).functionCounter().count())
                    .isEqualTo(server.bytesReceived()).isPositive();
            assertThat(registry.get(HouseServerMeters.CONNECTIONS).gauge().value())
                    .isEqualTo(server.connectionCount());
        });
    }

    @Test
    void reportsEventChannelTotals() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(SseChannels.class).publish("lobby", "hello");
            assertThat(registry.get(HouseSseMeters.PUBLISHED).functionCounter().count()).isEqualTo(1);
            assertThat(registry.get(HouseSseMeters.CHANNELS).gauge().value()).isEqualTo(1);
            assertThat(registry.get(HouseSseMeters.RETAINED_EVENTS).gauge().value()).isEqualTo(1);
            assertThat(registry.get(HouseSseMeters.SUBSCRIPTIONS).gauge().value()).isZero();
            assertThat(registry.get(HouseSseMeters.PRESENT).gauge().value()).isZero();
        });
    }

    @Test
    void worksWithTheRegistryOfBootsMetricsModule() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                        CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                        HouseAutoConfiguration.class, HouseMetricsAutoConfiguration.class))
                .withPropertyValues("house.port=0", "house.event-loops=1")
                .run(context -> {
                    assertThat(context).hasSingleBean(HouseRequestMetrics.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    assertThat(registry.find(HouseServerMeters.CONNECTIONS).gauge()).isNotNull();
                });
    }
}
