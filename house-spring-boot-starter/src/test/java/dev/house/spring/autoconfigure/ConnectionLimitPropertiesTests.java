package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.ServerConfig;
import dev.house.spring.testing.StartupFailures;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ConnectionLimitPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class))
            .withPropertyValues("house.port=0", "house.event-loops=1");

    @Test
    void perAddressLimitAndTrustedProxiesMapOntoTheServerConfig() {
        runner.withPropertyValues("house.limits.max-connections-per-address=50",
                "house.limits.trusted-proxies=10.0.0.7,::1").run(context -> {
                    ServerConfig config = context.getBean(ServerConfig.class);
                    assertThat(config.maxConnectionsPerAddress()).isEqualTo(50);
                    assertThat(config.trustedProxies()).containsExactlyInAnyOrder(
                            InetAddress.getByName("10.0.0.7"), InetAddress.getByName("::1"));
                });
    }

    @Test
    void unsetLimitsAreHouseCoresDefaults() {
        runner.run(context -> {
            ServerConfig config = context.getBean(ServerConfig.class);
            assertThat(config.maxConnections()).isEqualTo(ServerConfig.defaults().maxConnections());
            assertThat(config.maxConnectionsPerAddress()).isZero();
            assertThat(config.trustedProxies()).isEmpty();
        });
    }

    @Test
    void aNegativePerAddressLimitFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("house.limits.max-connections-per-address=-1").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalArgumentException.class);
            InvalidConfigurationPropertyValueException cause = StartupFailures.invalidProperty(context.getStartupFailure());
            assertThat(cause.getName())
                    .isEqualTo("house.limits.max-connections-per-address");
        });
    }
}
