package dev.house.spring.autoconfigure;

import dev.house.core.sse.SseChannels;
import dev.house.core.sse.SseConfig;
import dev.house.core.sse.SubscribeAuthorizer;
import dev.house.core.sse.spi.SseBroker;
import dev.house.spring.sse.AllOfSubscribeAuthorizer;
import dev.house.spring.sse.ChannelPublisher;
import dev.house.spring.sse.SseChannelPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import tools.jackson.databind.json.JsonMapper;

/** Server-sent event channels and the {@link ChannelPublisher} services publish with. */
@Configuration(proxyBeanMethods = false)
class HouseSseConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SseConfig houseSseConfig(HouseProperties properties) {
        return SseConfigMapper.toBuilder(properties.getSse()).build();
    }

    /**
     * Subscribe-authorizer beans must all allow a subscription; a broker bean replaces the in-memory
     * one. A {@code house.broker} that cannot be honoured fails start-up (see {@link BrokerChoice}).
     */
    @Bean
    @ConditionalOnMissingBean
    SseChannels houseSseChannels(SseConfig config, HouseProperties properties, ObjectProvider<SseBroker> broker,
                                 ObjectProvider<SubscribeAuthorizer> authorizers, Environment environment,
                                 ResourceLoader resourceLoader) {
        SseChannels.Builder channels = SseChannels.builder()
                .config(config)
                .presenceEvents(SseConfigMapper.presenceEvents(properties.getSse().getPresence().getEvents()))
                .authorizer(AllOfSubscribeAuthorizer.of(authorizers.orderedStream().toList()));
        SseBroker chosen = BrokerChoice.check(environment.getProperty(BrokerChoice.PROPERTY),
                broker.getIfAvailable(), resourceLoader.getClassLoader());
        if (chosen != null) {
            channels.broker(chosen);
        }
        return channels.build();
    }

    @Bean
    @ConditionalOnMissingBean
    ChannelPublisher houseChannelPublisher(SseChannels channels, ObjectProvider<JsonMapper> mapper) {
        return new SseChannelPublisher(channels, mapper.getIfAvailable(JsonMapper::shared));
    }
}
