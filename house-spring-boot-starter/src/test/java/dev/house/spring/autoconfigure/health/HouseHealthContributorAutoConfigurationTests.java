package dev.house.spring.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.health.HouseHealthIndicator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HouseHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class,
                    HouseHealthContributorAutoConfiguration.class))
            .withPropertyValues("house.port=0", "house.event-loops=1");

    @Test
    void reportsARunningServerUpWithItsPortAndLoops() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(HouseHealthIndicator.class).hasBean("houseHealthIndicator");
            HouseServer server = context.getBean(HouseServer.class);
            Health health = context.getBean(HouseHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails())
                    .containsEntry("listening", true)
                    .containsEntry("port", server.port())
                    .containsEntry("eventLoops", 1);
        });
    }

    @Test
    void reportsAStoppedServerDown() {
        runner.run(context -> {
            context.getBean(HouseServer.class).stop();
            Health health = context.getBean(HouseHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("listening", false);
        });
    }

    @Test
    void backsOffWhenTheIndicatorIsDisabled() {
        runner.withPropertyValues("management.health.house.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HouseHealthIndicator.class));
    }

    @Test
    void backsOffWithoutTheHealthModule() {
        runner.withClassLoader(new FilteredClassLoader(Health.class)).run(context -> assertThat(context)
                .hasNotFailed()
                .hasSingleBean(HouseServer.class)
                .doesNotHaveBean(HouseHealthIndicator.class));
    }

    @Test
    void backsOffWhenHouseIsDisabled() {
        runner.withPropertyValues("house.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HouseHealthIndicator.class));
    }

    @Test
    void userIndicatorWins() {
        runner.withBean("houseHealthIndicator", HouseHealthIndicator.class,
                () -> new HouseHealthIndicator(HouseServer.builder().router(r -> null).build()))
                .run(context -> assertThat(context).hasSingleBean(HouseHealthIndicator.class));
    }
}
