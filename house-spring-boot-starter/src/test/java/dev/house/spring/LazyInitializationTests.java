package dev.house.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.spring.testing.HelloApplication;
import dev.house.spring.testing.HttpProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** With {@code spring.main.lazy-initialization}, routes are still declared before the first request. */
class LazyInitializationTests {

    @Test
    void servesRoutesInALazilyInitializedApplication() throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HelloApplication.class)
                .web(WebApplicationType.NONE)
                .lazyInitialization(true)
                .properties("house.port=0", "house.event-loops=1")
                .run()) {
            int port = context.getEnvironment().getRequiredProperty("local.house.port", Integer.class);
            assertThat(HttpProbe.get(port, "/hello").body()).isEqualTo("hello from house");
        }
    }
}
