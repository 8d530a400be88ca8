package dev.house.core.io;

import static dev.house.core.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.core.HouseServer;
import dev.house.core.handler.Router;
import dev.house.core.http.Response;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.TestServers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @Test
    void portZeroBindsAFreePortThatIsReported() throws Exception {
        HouseServer server = TestServers.start(Router.builder().get("/", r -> Response.text("up")).build());
        try {
            assertThat(server.port()).isPositive();
            assertThat(server.isRunning()).isTrue();
            try (RawHttpClient client = new RawHttpClient(server.port())) {
                assertThat(client.get("/").read().bodyText()).isEqualTo("up");
            }
        } finally {
            server.stop();
        }
        assertThat(server.isRunning()).isFalse();
    }

    @Test
    void stopLetsAnInFlightRequestFinish() throws Exception {
        CountDownLatch handlerStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HouseServer server = TestServers.start(Router.builder().get("/slow", r -> {
            handlerStarted.countDown();
            release.await(5, TimeUnit.SECONDS);
            return Response.text("finished");
        }).build());
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            client.get("/slow");
            assertThat(handlerStarted.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
            until(() -> !server.isRunning(), "server stops accepting");
            release.countDown();
            RawHttpClient.HttpResponse response = client.read();
            assertThat(response.bodyText()).isEqualTo("finished");
            assertThat(response.header("Connection")).isEqualTo("close");
            stopping.get(5, TimeUnit.SECONDS);
        }
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void stoppedServerRefusesConnectionsAndReleasesItsThreads() throws Exception {
        HouseServer server = TestServers.start(Router.builder().get("/", r -> Response.text("up")).build());
        int port = server.port();
        server.stop();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("house-loop-") || t.getName().equals("house-acceptor")),
                "loop and acceptor threads gone");
    }

    @Test
    void closeAfterAFailedBindIsSafeAndFreesTheAttempt() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            HouseServer server = HouseServer.builder()
                    .config(dev.house.core.ServerConfig.builder()
                            .address(java.net.InetAddress.getLoopbackAddress()).port(taken.getLocalPort()).build())
                    .router(Router.builder().get("/", r -> Response.text("up")).build())
                    .build();
            assertThatThrownBy(server::start).isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on").hasMessageContaining(":" + taken.getLocalPort());
            server.close(); // must not throw: the bean's destroy method runs after a failed start
            server.close();
            assertThat(server.isRunning()).isFalse();
            assertThat(server.port()).isEqualTo(-1);
        }
    }

    @Test
    void stopIsIdempotent() {
        HouseServer server = TestServers.start(Router.builder().get("/", r -> Response.text("up")).build());
        server.stop();
        server.stop();
        assertThat(server.connectionCount()).isZero();
    }

    @Test
    void idleConnectionsAreClosedAtStop() throws IOException {
        HouseServer server = TestServers.start(Router.builder().get("/", r -> Response.text("up")).build());
        try (RawHttpClient client = new RawHttpClient(server.port())) {
            assertThat(client.get("/").read().status()).isEqualTo(200);
            server.stop();
            assertThat(client.isClosedByServer()).isTrue();
        }
    }

    @Test
    void startingOnABusyPortFailsWithAClearMessage() {
        HouseServer first = TestServers.start(Router.builder().build());
        try {
            HouseServer second = HouseServer.builder()
                    .config(dev.house.core.ServerConfig.builder().port(first.port())
                            .address(java.net.InetAddress.getLoopbackAddress()).build())
                    .router(Router.builder().build()).build();
            assertThatThrownBy(second::start).hasMessageContaining("cannot listen on").hasMessageContaining(
                    Integer.toString(first.port()));
        } finally {
            first.stop();
        }
    }
}
