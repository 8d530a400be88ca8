package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpException;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Request;
import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseConfig;
import dev.house.core.sse.SubscribeAuthorizer;
import dev.house.spring.server.HouseServerLifecycle;
import dev.house.spring.sse.ChannelPublisher;
import dev.house.spring.sse.SseChannelPublisher;
import dev.house.spring.testing.StartupFailures;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

class HouseSseConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class))
            .withBean(HouseServerLifecycle.class, () -> null); // configuration only: no server needed

    @Test
    void providesChannelsAndAPublisher() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(SseConfig.class)
                .hasSingleBean(SseChannels.class)
                .hasSingleBean(ChannelPublisher.class));
    }

    @Test
    void mapsPropertiesOntoTheSseConfig() {
        runner.withPropertyValues("house.sse.heartbeat=20s", "house.sse.retry=0s", "house.sse.history-size=5",
                "house.sse.history-ttl=1m", "house.sse.history-memory-cap=2MB", "house.sse.max-pending-bytes=8KB",
                "house.sse.max-channels-per-stream=3", "house.sse.max-channels=500",
                "house.sse.presence.grace=2s", "house.sse.presence.batch=50ms",
                "house.sse.presence.max-answer=7").run(context -> {
                    SseConfig config = context.getBean(SseChannels.class).config();
                    assertThat(config.heartbeat()).isEqualTo(Duration.ofSeconds(20));
                    assertThat(config.retry()).isZero();
                    assertThat(config.historySize()).isEqualTo(5);
                    assertThat(config.historyTtl()).isEqualTo(Duration.ofMinutes(1));
                    assertThat(config.historyMemoryCap()).isEqualTo(2L * 1024 * 1024);
                    assertThat(config.maxPendingBytes()).isEqualTo(8 * 1024);
                    assertThat(config.maxChannelsPerStream()).isEqualTo(3);
                    assertThat(config.maxChannels()).isEqualTo(500);
                    assertThat(config.presenceGrace()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(config.presenceBatch()).isEqualTo(Duration.ofMillis(50));
                    assertThat(config.maxPresenceAnswer()).isEqualTo(7);
                });
    }

    @Test
    void defaultsMatchHouseCoreDefaults() {
        runner.run(context -> {
            SseConfig config = context.getBean(SseConfig.class);
            SseConfig core = SseConfig.defaults();
            assertThat(config.heartbeat()).isEqualTo(core.heartbeat());
            assertThat(config.retry()).isEqualTo(core.retry());
            assertThat(config.historySize()).isEqualTo(core.historySize());
            assertThat(config.historyTtl()).isEqualTo(core.historyTtl());
            assertThat(config.historyMemoryCap()).isEqualTo(core.historyMemoryCap());
            assertThat(config.maxPendingBytes()).isEqualTo(core.maxPendingBytes());
            assertThat(config.maxChannelsPerStream()).isEqualTo(core.maxChannelsPerStream());
            assertThat(config.maxChannels()).isEqualTo(core.maxChannels());
            assertThat(config.presenceGrace()).isEqualTo(core.presenceGrace());
            assertThat(config.presenceBatch()).isEqualTo(core.presenceBatch());
            assertThat(config.maxPresenceAnswer()).isEqualTo(core.maxPresenceAnswer());
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "house.sse.heartbeat=1ms               | house.sse.heartbeat",
            "house.sse.retry=-1s                   | house.sse.retry",
            "house.sse.history-size=-1             | house.sse.history-size",
            "house.sse.history-ttl=0s              | house.sse.history-ttl",
            "house.sse.history-memory-cap=10B      | house.sse.history-memory-cap",
            "house.sse.max-channels-per-stream=0   | house.sse.max-channels-per-stream",
            "house.sse.max-channels=0              | house.sse.max-channels",
            "house.sse.presence.grace=-1s          | house.sse.presence.grace",
            "house.sse.presence.batch=0s           | house.sse.presence.batch",
            "house.sse.presence.max-answer=0       | house.sse.presence.max-answer",
    })
    void failsStartUpNamingTheInvalidProperty(String setting, String property) {
        runner.withPropertyValues(setting).run(context -> {
            InvalidConfigurationPropertyValueException cause = StartupFailures.invalidProperty(context.getStartupFailure());
            assertThat(cause.getName()).isEqualTo(property);
        });
    }

    @Test
    void presenceEventChannelsAreNamesOrPrefixes() {
        var events = SseConfigMapper.presenceEvents(java.util.List.of("lobby", "room-*"));
        assertThat(events.test("lobby")).isTrue();
        assertThat(events.test("room-42")).isTrue();
        assertThat(events.test("lobby-2")).isFalse();
        assertThat(SseConfigMapper.presenceEvents(java.util.List.of()).test("lobby")).isFalse();
        assertThat(SseConfigMapper.presenceEvents(java.util.List.of("*")).test("anything")).isTrue();
    }

    @Test
    void everySubscribeAuthorizerBeanMustAllow() {
        runner.withUserConfiguration(Authorizers.class).run(context -> {
            SseChannels channels = context.getBean(SseChannels.class);
            Request request = Request.builder(HttpMethod.GET, "/events").build();
            assertThat(channels.subscribe(request, List.of("open-room")).status().code()).isEqualTo(200);
            assertThat(refusal(channels, request, "secret-room")).isEqualTo(403);
            assertThat(refusal(channels, request, "admin-room")).isEqualTo(403);
        });
    }

    @Test
    void userChannelsWinAndThePublisherUsesThem() {
        SseChannels own = SseChannels.create();
        runner.withBean(SseChannels.class, () -> own).run(context -> {
            assertThat(context.getBean(SseChannels.class)).isSameAs(own);
            context.getBean(ChannelPublisher.class).publish("lobby", "hi");
            assertThat(own.stats().published()).isEqualTo(1);
        });
    }

    @Test
    void userPublisherWins() {
        runner.withBean("myPublisher", ChannelPublisher.class,
                () -> new SseChannelPublisher(SseChannels.create(), JsonMapper.shared()))
                .run(context -> assertThat(context).hasSingleBean(ChannelPublisher.class).hasBean("myPublisher"));
    }

    private static int refusal(SseChannels channels, Request request, String channel) {
        try {
            channels.subscribe(request, List.of(channel));
            return 200;
        } catch (HttpException refused) {
            return refused.status().code();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Authorizers {

        @Bean
        @Order(1)
        SubscribeAuthorizer noSecrets() {
            return (request, channel) -> !channel.startsWith("secret");
        }

        @Bean
        @Order(2)
        SubscribeAuthorizer noAdmin() {
            return (request, channel) -> !channel.startsWith("admin");
        }
    }
}
