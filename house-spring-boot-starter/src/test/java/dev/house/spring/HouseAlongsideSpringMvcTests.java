package dev.house.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.sse.ChannelPublisher;
import dev.house.spring.testing.HelloApplication;
import dev.house.spring.testing.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = { HelloApplication.class, HouseAlongsideSpringMvcTests.MvcGreeting.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "house.port=0", "house.event-loops=1",
                "management.endpoints.web.exposure.include=health,house",
                "management.endpoint.health.show-details=always" })
class HouseAlongsideSpringMvcTests {

    @Value("${local.house.port}")
    int housePort;

    @LocalServerPort
    int mvcPort;

    @Autowired
    ChannelPublisher publisher;

    private final JsonMapper json = JsonMapper.builder().build();

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

    @Test
    void theActuatorOfSpringMvcReportsHouseHealth() throws Exception {
        JsonNode health = json.readTree(HttpProbe.get(mvcPort, "/actuator/health").body());
        JsonNode house = health.get("components").get("house");
        assertThat(house.get("status").asString()).isEqualTo("UP");
        assertThat(house.get("details").get("port").asInt()).isEqualTo(housePort);
    }

    @Test
    void theHouseEndpointListsChannelsWithTheirSubscribers() throws Exception {
        publisher.publish("actuator-lobby", "hello");
        JsonNode house = json.readTree(HttpProbe.get(mvcPort, "/actuator/house").body());
        assertThat(house.get("running").asBoolean()).isTrue();
        assertThat(house.get("port").asInt()).isEqualTo(housePort);
        assertThat(house.get("channels").valueStream().map(c -> c.get("name").asString()))
                .contains("actuator-lobby");
        JsonNode channel = json.readTree(HttpProbe.get(mvcPort, "/actuator/house/actuator-lobby").body());
        assertThat(channel.get("subscribers").asInt()).isZero();
        assertThat(channel.get("published").asInt()).isEqualTo(1);
        assertThat(HttpProbe.get(mvcPort, "/actuator/house/nobody").statusCode()).isEqualTo(404);
    }

    @RestController
    static class MvcGreeting {

        @GetMapping("/mvc")
        String greet() {
            return "hello from mvc";
        }
    }
}
