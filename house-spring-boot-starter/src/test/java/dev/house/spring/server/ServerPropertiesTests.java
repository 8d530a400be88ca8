package dev.house.spring.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.ServerConfig;
import dev.house.spring.testing.HelloApplication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Boot's {@code server.*} properties drive house when it is the only web server, and
 * {@code house.*} wins where both are set.
 */
class ServerPropertiesTests {

    @Test
    void aHouseOnlyApplicationListensOnServerPort() throws Exception {
        int port = freePort();
        try (ConfigurableApplicationContext context = run("--server.port=" + port)) {
            assertThat(context.getBean(HouseServerLifecycle.class).port()).isEqualTo(port);
            assertThat(context.getEnvironment().getProperty("local.server.port")).isEqualTo(String.valueOf(port));
        }
    }

    @Test
    void housePortWinsOverServerPort() throws Exception {
        int port = freePort();
        try (ConfigurableApplicationContext context = run("--server.port=" + freePort(), "--house.port=" + port)) {
            assertThat(context.getBean(HouseServerLifecycle.class).port()).isEqualTo(port);
        }
    }

    @Test
    void aServerPortOfHigherPrecedenceBeatsAHousePortSetLower() throws Exception {
        int port = freePort();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HelloApplication.class)
                .web(WebApplicationType.NONE)
                .properties("house.port=" + freePort()) // lowest precedence, like application.yml
                .run("--server.port=" + port, "--house.event-loops=1", "--spring.main.banner-mode=off")) {
            assertThat(context.getBean(HouseServerLifecycle.class).port()).isEqualTo(port);
        }
    }

    @Test
    void serverAddressAndShutdownApplyToHouse() {
        try (ConfigurableApplicationContext context = run("--server.port=0", "--server.address=127.0.0.1",
                "--spring.lifecycle.timeout-per-shutdown-phase=3s")) {
            ServerConfig config = context.getBean(ServerConfig.class);
            assertThat(config.address()).isEqualTo(InetAddress.getLoopbackAddress());
            assertThat(config.shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(3));
        }
    }

    @Test
    void immediateShutdownDrainsNothing() {
        try (ConfigurableApplicationContext context = run("--server.port=0", "--server.shutdown=immediate")) {
            assertThat(context.getBean(ServerConfig.class).shutdownGracePeriod()).isZero();
        }
    }

    @Test
    void houseGracePeriodWinsOverTheLifecycleTimeout() {
        try (ConfigurableApplicationContext context = run("--server.port=0", "--house.shutdown.grace-period=2s",
                "--spring.lifecycle.timeout-per-shutdown-phase=3s")) {
            assertThat(context.getBean(ServerConfig.class).shutdownGracePeriod()).isEqualTo(Duration.ofSeconds(2));
        }
    }

    private static ConfigurableApplicationContext run(String... args) {
        return new SpringApplicationBuilder(HelloApplication.class)
                .web(WebApplicationType.NONE)
                .run(concat(args, "--house.event-loops=1", "--spring.main.banner-mode=off"));
    }

    private static String[] concat(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
