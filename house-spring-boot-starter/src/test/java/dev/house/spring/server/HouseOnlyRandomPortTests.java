package dev.house.spring.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.testing.HelloApplication;
import dev.house.spring.testing.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** {@code @SpringBootTest(RANDOM_PORT)} in an application whose only web server is house. */
@SpringBootTest(classes = HelloApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=none", "house.event-loops=1" })
class HouseOnlyRandomPortTests {

    @LocalServerPort
    int serverPort;

    @Value("${local.house.port}")
    int housePort;

    @Test
    void localServerPortIsTheRandomPortHouseBound() throws Exception {
        assertThat(serverPort).isPositive().isNotEqualTo(8080).isEqualTo(housePort);
        assertThat(HttpProbe.get(serverPort, "/hello").body()).isEqualTo("hello from house");
    }
}
