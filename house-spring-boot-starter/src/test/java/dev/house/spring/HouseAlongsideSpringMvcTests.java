package dev.house.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.testing.HelloApplication;
import dev.house.spring.testing.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootTest(classes = { HelloApplication.class, HouseAlongsideSpringMvcTests.MvcGreeting.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "house.port=0", "house.event-loops=1" })
class HouseAlongsideSpringMvcTests {

    @Value("${local.house.port}")
    int housePort;

    @LocalServerPort
    int mvcPort;

    @Test
    void eachServerAnswersOnItsOwnPort() throws Exception {
        assertThat(housePort).isNotEqualTo(mvcPort);
        assertThat(HttpProbe.get(housePort, "/hello").body()).isEqualTo("hello from house");
        assertThat(HttpProbe.get(mvcPort, "/mvc").body()).isEqualTo("hello from mvc");
    }

    @Test
    void routesStayWithTheirServer() throws Exception {
        assertThat(HttpProbe.get(housePort, "/mvc").statusCode()).isEqualTo(404);
        assertThat(HttpProbe.get(mvcPort, "/hello").statusCode()).isEqualTo(404);
    }

    @RestController
    static class MvcGreeting {

        @GetMapping("/mvc")
        String greet() {
            return "hello from mvc";
        }
    }
}
