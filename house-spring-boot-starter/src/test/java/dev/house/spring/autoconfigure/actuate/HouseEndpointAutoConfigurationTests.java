package dev.house.spring.autoconfigure.actuate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.sse.SseChannels;
import dev.house.spring.actuate.HouseEndpoint;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HouseEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class,
                    HouseEndpointAutoConfiguration.class))
            .withPropertyValues("house.port=0", "house.event-loops=1");

    @Test
    void reportsTheServerAndItsChannelsWhenExposed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=house").run(context -> {
            assertThat(context).hasSingleBean(HouseEndpoint.class);
            context.getBean(SseChannels.class).publish("lobby", "hello");
            HouseEndpoint.HouseDescriptor house = context.getBean(HouseEndpoint.class).house();
            assertThat(house.running()).isTrue();
            assertThat(house.port()).isEqualTo(context.getBean(HouseServer.class).port());
            assertThat(house.eventLoops()).isEqualTo(1);
            assertThat(house.sse()).isNotNull();
            assertThat(house.sse().published()).isEqualTo(1);
            assertThat(house.channels()).singleElement().satisfies(channel -> {
                assertThat(channel.name()).isEqualTo("lobby");
                assertThat(channel.subscribers()).isZero();
                assertThat(channel.retained()).isEqualTo(1);
            });
        });
    }

    @Test
    void reportsOneChannelBySelector() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=house").run(context -> {
            context.getBean(SseChannels.class).publish("lobby", "hello");
            HouseEndpoint endpoint = context.getBean(HouseEndpoint.class);
            assertThat(endpoint.channel("lobby")).isNotNull();
            assertThat(endpoint.channel("kitchen")).isNull();
        });
    }

    @Test
    void backsOffWhenTheEndpointIsNotExposed() {
        runner.run(context -> assertThat(context).doesNotHaveBean(HouseEndpoint.class));
    }

    @Test
    void backsOffWithoutTheActuator() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=house")
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HouseEndpoint.class));
    }

    @Test
    void backsOffWhenHouseIsDisabled() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=house", "house.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(HouseEndpoint.class));
    }
}
