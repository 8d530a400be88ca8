package dev.house.spring.testing;

import dev.house.core.handler.Router;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** A Spring Boot application whose only server is house: one route, no web starter needed. */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class HelloApplication {

    @Bean
    RequestRouter helloRouter() {
        return Router.builder().get("/hello", request -> Response.text("hello from house")).build();
    }

    /** Runs as a plain (non-web) application and returns from main at once, as such apps do. */
    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(HelloApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        ConfigurableApplicationContext context = application.run(args);
        System.out.println("house-port=" + context.getEnvironment().getProperty("local.house.port"));
        System.out.println("main returned");
    }
}
