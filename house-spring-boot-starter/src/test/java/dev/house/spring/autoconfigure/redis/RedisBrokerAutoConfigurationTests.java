package dev.house.spring.autoconfigure.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.sse.LocalBroker;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseConfig;
import dev.house.core.sse.spi.SseBroker;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.redis.RedisBroker;
import dev.house.spring.redis.RedisBrokerHealthIndicator;
import dev.house.spring.redis.RedisBrokerUnavailableException;
import dev.house.spring.testing.StartupFailures;
import dev.house.spring.testing.TestRedis;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code house.broker=redis} on the application's Redis connection, against a real redis-server. */
class RedisBrokerAutoConfigurationTests {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static TestRedis redis;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class, DataRedisAutoConfiguration.class,
                    RedisBrokerAutoConfiguration.class, RedisBrokerHealthAutoConfiguration.class))
            .withPropertyValues("house.port=0", "house.event-loops=1");

    @BeforeAll
    static void startRedis() throws Exception {
        redis = TestRedis.start(true);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    private ApplicationContextRunner withRedis() {
        return runner.withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "house.redis.key-prefix=a b           | house.redis.key-prefix",
            "house.redis.publish-timeout=0s       | house.redis.publish-timeout",
            "house.redis.read-block=5ms           | house.redis.read-block",
            "house.redis.read-batch=0             | house.redis.read-batch",
            "house.redis.reconnect-min=-1s        | house.redis.reconnect-min",
            "house.redis.reconnect-max=50ms       | house.redis.reconnect-max",
    })
    void failsStartUpNamingTheInvalidRedisProperty(String setting, String property) {
        withRedis().withPropertyValues("house.broker=redis", setting).run(context -> {
            InvalidConfigurationPropertyValueException cause = StartupFailures.invalidProperty(context.getStartupFailure());
            assertThat(cause.getName()).isEqualTo(property);
        });
    }

    @Test
    void keepsTheInMemoryBrokerUnlessAsked() {
        withRedis().run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(SseBroker.class)
                .getBean(SseChannels.class).extracting(SseChannels::broker).isInstanceOf(LocalBroker.class));
    }

    @Test
    void usesRedisWhenAskedWithTheApplicationsConnectionAndHouseSseSettings() {
        withRedis().withPropertyValues("house.broker=redis", "house.sse.history-size=7",
                "house.redis.key-prefix=app1:sse:").run(context -> {
                    assertThat(context).hasSingleBean(RedisBroker.class).hasSingleBean(SseChannels.class);
                    RedisBroker broker = context.getBean(RedisBroker.class);
                    SseChannels sse = context.getBean(SseChannels.class);
                    assertThat(sse.broker()).isSameAs(broker);
                    assertThat(sse.config().historySize()).isEqualTo(7);
                    assertThat(broker.settings().keyPrefix()).isEqualTo("app1:sse:");
                    assertThat(await(broker::isHealthy)).isTrue();
                    sse.publish("lobby", "hello");
                    assertThat(redis.command("EXISTS app1:sse:channel:lobby")).isEqualTo(":1");
                });
    }

    @Test
    void reportsTheBrokerDownWhileRedisIsAwayAndUpAfterItsBack() {
        withRedis().withPropertyValues("house.broker=redis", "house.redis.reconnect-min=20ms",
                "house.redis.reconnect-max=200ms").run(context -> {
                    RedisBroker broker = context.getBean(RedisBroker.class);
                    RedisBrokerHealthIndicator health = context.getBean("houseBrokerHealthIndicator",
                            RedisBrokerHealthIndicator.class);
                    assertThat(await(broker::isHealthy)).isTrue();
                    assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

                    redis.kill();
                    assertThat(await(() -> !broker.isHealthy())).isTrue();
                    Health down = health.health(true);
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(down.getDetails()).containsKey("problem");
                    SseChannels sse = context.getBean(SseChannels.class);
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sse.publish("lobby", "x"))
                            .isInstanceOf(RedisBrokerUnavailableException.class);

                    redis.restart();
                    assertThat(await(broker::isHealthy)).as("reconnected with back-off").isTrue();
                    assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void backsOffForTheApplicationsOwnBroker() {
        withRedis().withPropertyValues("house.broker=redis").withUserConfiguration(OwnBroker.class)
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(RedisBroker.class)
                        .getBean(SseChannels.class).extracting(SseChannels::broker).isInstanceOf(LocalBroker.class));
    }

    @Test
    void leavesHealthOutWithoutTheHealthModule() {
        withRedis().withPropertyValues("house.broker=redis")
                .withClassLoader(new FilteredClassLoader(Health.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(RedisBroker.class)
                        .doesNotHaveBean(RedisBrokerHealthIndicator.class));
    }

    private static boolean await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5); // polling interval, not a timing assumption
        }
        return true;
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBroker {
        @Bean
        SseBroker ownBroker() {
            return new LocalBroker(SseConfig.defaults());
        }
    }
}
