package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.http.HttpMethod;
import dev.house.spring.testing.HttpProbe;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/** {@code spring.jackson.*} configures the mapper that writes house's JSON, as it does for Spring MVC. */
@SpringBootTest(classes = JacksonSettingsTests.OrderApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.main.web-application-type=none", "house.event-loops=1",
                "spring.jackson.property-naming-strategy=SNAKE_CASE" })
class JacksonSettingsTests {

    @LocalServerPort
    int port;

    @Test
    void theNamingStrategyOfSpringJacksonAppliesToJsonResponses() throws Exception {
        assertThat(HttpProbe.get(port, "/order").body()).isEqualTo("{\"order_id\":\"a-1\",\"item_count\":3}");
    }

    record OrderLine(String orderId, int itemCount) {
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class OrderApplication {

        @Bean
        HouseRouterCustomizer orderRoute() {
            return router -> router.json(HttpMethod.GET, "/order", List.of(), args -> new OrderLine("a-1", 3));
        }
    }
}
