package dev.house.core.io;

import static dev.house.core.testing.Await.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.Response;
import dev.house.core.testing.RawHttpClient;
import dev.house.core.testing.RawHttpClient.HttpResponse;
import dev.house.core.testing.TestServers;
import java.net.InetAddress;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Linux routes all of 127.0.0.0/8 to loopback: 127.0.0.2 and 127.0.0.3 are two more clients. */
class ConnectionsPerAddressTest {
    private HouseServer server;

    private void start(UnaryOperator<ServerConfig.Builder> config) {
        server = TestServers.start(Router.builder().get("/hello", r -> Response.text("Hello")).build(), config);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private RawHttpClient from(String address) throws Exception {
        return new RawHttpClient(server.port(), 5000, address);
    }

    @Test
    void connectionsBeyondThePerAddressLimitGet503AndAreClosed() throws Exception {
        start(b -> b.maxConnectionsPerAddress(2));
        try (RawHttpClient first = from("127.0.0.2"); RawHttpClient second = from("127.0.0.2")) {
            assertThat(first.get("/hello").read().status()).isEqualTo(200);
            assertThat(second.get("/hello").read().status()).isEqualTo(200);
            try (RawHttpClient third = from("127.0.0.2")) {
                HttpResponse response = third.get("/hello").read();
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.bodyText()).contains("Too many connections from your address");
                assertThat(response.header("Connection")).isEqualTo("close");
                assertThat(third.isClosedByServer()).isTrue();
            }
            assertThat(server.connectionsRefusedPerAddress()).isEqualTo(1);
            assertThat(server.connectionsRefusedAtLimit()).isZero();
        }
    }

    @Test
    void anotherAddressIsServedWhileOneIsAtItsLimit() throws Exception {
        start(b -> b.maxConnectionsPerAddress(1));
        try (RawHttpClient hog = from("127.0.0.2"); RawHttpClient other = from("127.0.0.3")) {
            assertThat(hog.get("/hello").read().status()).isEqualTo(200);
            assertThat(other.get("/hello").read().status()).isEqualTo(200);
        }
    }

    @Test
    void aClosedConnectionGivesItsAddressRoomBack() throws Exception {
        start(b -> b.maxConnectionsPerAddress(1));
        try (RawHttpClient first = from("127.0.0.2")) {
            assertThat(first.get("/hello").read().status()).isEqualTo(200);
        }
        until(() -> server.connectionCount() == 0, "the first connection closed on the server");
        try (RawHttpClient again = from("127.0.0.2")) {
            assertThat(again.get("/hello").read().status()).isEqualTo(200);
        }
        until(() -> server.connectionCount() == 0, "the second connection closed on the server");
        // A refused connection is uncounted as well once closed.
        try (RawHttpClient held = from("127.0.0.2")) {
            assertThat(held.get("/hello").read().status()).isEqualTo(200);
            try (RawHttpClient refused = from("127.0.0.2")) {
                assertThat(refused.get("/hello").read().status()).isEqualTo(503);
            }
        }
        until(() -> server.connectionCount() == 0, "both closed on the server");
        try (RawHttpClient last = from("127.0.0.2")) {
            assertThat(last.get("/hello").read().status()).isEqualTo(200);
        }
    }

    @Test
    void trustedProxiesAreNotLimitedPerAddress() throws Exception {
        InetAddress proxy = InetAddress.getByName("127.0.0.2");
        start(b -> b.maxConnectionsPerAddress(1).trustedProxies(List.of(proxy)));
        try (RawHttpClient a = from("127.0.0.2"); RawHttpClient b = from("127.0.0.2");
             RawHttpClient c = from("127.0.0.2")) {
            assertThat(a.get("/hello").read().status()).isEqualTo(200);
            assertThat(b.get("/hello").read().status()).isEqualTo(200);
            assertThat(c.get("/hello").read().status()).isEqualTo(200);
        }
        try (RawHttpClient direct = from("127.0.0.3"); RawHttpClient again = from("127.0.0.3")) {
            assertThat(direct.get("/hello").read().status()).isEqualTo(200);
            assertThat(again.get("/hello").read().status()).as("an untrusted address is limited").isEqualTo(503);
        }
    }

    @Test
    void unlimitedByDefault() throws Exception {
        start(b -> b);
        assertThat(server.config().maxConnectionsPerAddress()).isZero();
        try (RawHttpClient a = from("127.0.0.2"); RawHttpClient b = from("127.0.0.2");
             RawHttpClient c = from("127.0.0.2")) {
            assertThat(a.get("/hello").read().status()).isEqualTo(200);
            assertThat(b.get("/hello").read().status()).isEqualTo(200);
            assertThat(c.get("/hello").read().status()).isEqualTo(200);
        }
    }
}
