package dev.house.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.metrics.HouseServerMeters;
import dev.house.spring.testing.HttpProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ConnectionRefusalMetricsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class, HouseMetricsAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withPropertyValues("house.port=0", "house.event-loops=1", "house.address=127.0.0.1");

    @Test
    void connectionsRefusedPerAddressAreCountedByReason() {
        runner.withPropertyValues("house.limits.max-connections-per-address=1").run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            HouseServer server = context.getBean(HouseServer.class);
            try (Socket held = connect(server.port())) {
                HttpProbe.await(() -> server.connectionCount() == 1, "the first connection is open");
                try (Socket refused = connect(server.port())) {
                    assertThat(statusLine(refused)).isEqualTo("HTTP/1.1 503 Service Unavailable");
                }
            }
            assertThat(registry.get(HouseServerMeters.CONNECTIONS_REFUSED)
                    .tag("reason", HouseServerMeters.REASON_PER_ADDRESS).functionCounter().count()).isEqualTo(1);
            assertThat(registry.get(HouseServerMeters.CONNECTIONS_REFUSED)
                    .tag("reason", HouseServerMeters.REASON_MAX_CONNECTIONS).functionCounter().count()).isZero();
            assertThat(registry.get(HouseServerMeters.ACCEPT_FAILURES).functionCounter().count()).isZero();
        });
    }

    @Test
    void connectionsRefusedAtTheServersLimitAreCountedByReason() {
        runner.withPropertyValues("house.limits.max-connections=1").run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            HouseServer server = context.getBean(HouseServer.class);
            try (Socket held = connect(server.port())) {
                HttpProbe.await(() -> server.connectionCount() == 1, "the first connection is open");
                try (Socket refused = connect(server.port())) {
                    assertThat(statusLine(refused)).isEqualTo("HTTP/1.1 503 Service Unavailable");
                }
            }
            assertThat(registry.get(HouseServerMeters.CONNECTIONS_REFUSED)
                    .tag("reason", HouseServerMeters.REASON_MAX_CONNECTIONS).functionCounter().count()).isEqualTo(1);
        });
    }

    private static Socket connect(int port) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String statusLine(Socket socket) throws Exception {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != -1 && b != '\r'; ) {
            line.append((char) b);
        }
        return line.toString();
    }
}
