package dev.house.spring.actuate.web;

import dev.house.core.handler.PathVariables;
import dev.house.core.http.Response;
import dev.house.spring.autoconfigure.HouseRouterCustomizer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A house-only application with Actuator: an order route with a template, and a slow route. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ActuatorApplication {

    /** Holds {@code /slow} requests until counted down. */
    static volatile CountDownLatch release = new CountDownLatch(0);

    /** Counted down when a {@code /slow} request has begun. */
    static volatile CountDownLatch slowStarted = new CountDownLatch(1);

    @Bean
    HouseRouterCustomizer orderRoutes() {
        return router -> router
                .get("/orders/{id}", request -> Response.text("order " + PathVariables.of(request).get("id")))
                .get("/slow", request -> {
                    slowStarted.countDown();
                    release.await(20, TimeUnit.SECONDS);
                    return Response.text("slow done");
                });
    }
}
