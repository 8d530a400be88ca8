package dev.house.spring.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;

@ExtendWith(OutputCaptureExtension.class)
class FailedStartTests {

    @Test
    void aPortInUseFailsStartUpWithOneErrorAndTheServerBeanClosesQuietly(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(HouseAutoConfiguration.class))
                    .withPropertyValues("house.address=127.0.0.1", "house.port=" + taken.getLocalPort(),
                            "house.event-loops=1")
                    .run(context -> {
                        assertThat(context).hasFailed();
                        assertThat(context.getStartupFailure())
                                .hasStackTraceContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
                    });
        }
        // The context destroys the houseServer bean after the failed start; that close must not fail too.
        assertThat(output).doesNotContain("NullPointerException").doesNotContain("houseServer' threw");
        assertThat(output.toString()).doesNotContainIgnoringCase("close method failed");
    }

    @Test
    void theLifecycleStopsQuietlyAfterItsServerFailedToStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             GenericApplicationContext context = new GenericApplicationContext()) {
            context.refresh();
            HouseServer server = HouseServer.builder()
                    .config(ServerConfig.builder().address(InetAddress.getLoopbackAddress())
                            .port(taken.getLocalPort()).eventLoops(1).build())
                    .router(Router.builder().build())
                    .build();
            HouseServerLifecycle lifecycle = new HouseServerLifecycle(server, context);
            assertThatThrownBy(lifecycle::start).hasMessageContaining("cannot listen on");
            assertThat(lifecycle.isRunning()).isFalse();
            lifecycle.stop();
            CountDownLatch stopped = new CountDownLatch(1);
            lifecycle.stop(stopped::countDown);
            assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
            server.close();
        }
    }
}
