package dev.house.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.spring.testing.HelloApplication;
import dev.house.spring.testing.HttpProbe;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

@SpringBootTest(classes = HelloApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = { "house.port=0", "house.event-loops=1" })
class HouseApplicationTests {

    @Value("${local.house.port}")
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void servesRequestsOnThePortPublishedAsLocalHousePort() throws Exception {
        HttpResponse<String> response = HttpProbe.get(port, "/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from house");
        assertThat(port).isEqualTo(context.getBean(HouseServer.class).port());
    }

    @Test
    void runsWithoutAnyWebServerOfSpring() {
        assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
        assertThat(context.getBean(HouseServer.class).isRunning()).isTrue();
    }
}
