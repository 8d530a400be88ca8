package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.sse.LocalBroker;
import dev.house.core.sse.SseChannels;
import dev.house.spring.autoconfigure.redis.RedisBrokerAutoConfiguration;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** {@code house.broker} either gets the broker it names or fails start-up saying why: never a silent fallback. */
class BrokerChoiceTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class, DataRedisAutoConfiguration.class,
                    RedisBrokerAutoConfiguration.class))
            .withPropertyValues("house.port=0", "house.event-loops=1");

    @Test
    void redisWithoutSpringDataRedisFailsStartUpNamingTheMissingDependency() {
        runner.withPropertyValues("house.broker=redis")
                .withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(MissingBrokerDependencyException.class)
                        .hasMessageContaining("house.broker=redis needs Spring Data Redis "
                                + "(org.springframework.data:spring-data-redis)")
                        .hasMessageNotContaining("Lettuce"));
    }

    @Test
    void redisWithoutLettuceFailsStartUpNamingLettuce() {
        runner.withPropertyValues("house.broker=redis")
                .withClassLoader(new FilteredClassLoader(RedisClient.class))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(MissingBrokerDependencyException.class)
                        .hasMessageContaining("Lettuce (io.lettuce:lettuce-core)"));
    }

    @Test
    void redisWithoutBootsRedisAutoConfigurationFailsStartUp() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class, RedisBrokerAutoConfiguration.class))
                .withPropertyValues("house.port=0", "house.event-loops=1", "house.broker=redis")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(MissingBrokerDependencyException.class)
                        .hasMessageContaining("found no RedisConnectionFactory bean"));
    }

    @Test
    void theFailureAnalysisTellsWhichDependencyToAdd() {
        runner.withPropertyValues("house.broker=redis")
                .withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
                .run(context -> {
                    // The analyzer Boot finds through spring.factories, as SpringApplication does.
                    // (Boot's own analyzers that need constructor arguments are skipped here.)
                    FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation()
                            .load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, ex) -> { }))
                            .stream()
                            .filter(MissingBrokerDependencyFailureAnalyzer.class::isInstance)
                            .map(analyzer -> analyzer.analyze(context.getStartupFailure()))
                            .findFirst().orElseThrow();
                    assertThat(analysis.getDescription()).contains("needs Spring Data Redis");
                    assertThat(analysis.getAction())
                            .contains("Add org.springframework.boot:spring-boot-starter-data-redis");
                });
    }

    @Test
    void anUnknownBrokerFailsStartUpNamingTheAcceptedValues() {
        runner.withPropertyValues("house.broker=kafka")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessageContaining("house.broker with value 'kafka' is invalid")
                        .hasMessageContaining("accepted values are 'redis'")
                        .hasMessageContaining("'local' or unset"));
    }

    @Test
    void localOrUnsetIsTheInMemoryBroker() {
        runner.withPropertyValues("house.broker=local").run(context -> assertThat(context).hasNotFailed()
                .getBean(SseChannels.class).extracting(SseChannels::broker).isInstanceOf(LocalBroker.class));
        runner.run(context -> assertThat(context).hasNotFailed()
                .getBean(SseChannels.class).extracting(SseChannels::broker).isInstanceOf(LocalBroker.class));
    }
}
