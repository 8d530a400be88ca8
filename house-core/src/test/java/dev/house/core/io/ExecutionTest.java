package dev.house.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.Workers;
import dev.house.core.handler.Router;
import dev.house.core.http.Execution;
import dev.house.core.http.HttpMethod;
import dev.house.core.http.Response;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.TestServers;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecutionTest {

    @Test
    void blockingWorkerHandlerDoesNotStallOtherConnections() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HouseServer server = TestServers.start(Router.builder()
                .get("/block", r -> {
                    release.await(10, TimeUnit.SECONDS);
                    return Response.text("unblocked");
                })
                .get("/fast", r -> Response.text("fast"))
                .build(), b -> b.eventLoops(1));
        try (RawHttpClient blocked = new RawHttpClient(server.port());
             RawHttpClient fast = new RawHttpClient(server.port(), 2000)) {
            blocked.get("/block");
            assertThat(fast.get("/fast").read().bodyText()).isEqualTo("fast");
            release.countDown();
            assertThat(blocked.read().bodyText()).isEqualTo("unblocked");
        } finally {
            release.countDown();
            server.stop();
        }
    }

    @Test
    void workerHandlersRunOffTheEventLoop() throws Exception {
        HouseServer server = TestServers.start(Router.builder()
                .get("/worker", r -> Response.text(Thread.currentThread().getName()))
                .route(HttpMethod.GET, "/loop", r -> Response.text(Thread.currentThread().getName()),
                        Execution.EVENT_LOOP)
                .build());
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.get("/worker").read().bodyText()).doesNotStartWith("house-loop-");
            assertThat(client.get("/loop").read().bodyText()).startsWith("house-loop-");
        } finally {
            server.stop();
        }
    }

    @Test
    void virtualThreadsAreUsedWhenTheJvmHasThem() {
        assertThat(Workers.virtualThreadsAvailable()).isEqualTo(Runtime.version().feature() >= 21);
    }
}
