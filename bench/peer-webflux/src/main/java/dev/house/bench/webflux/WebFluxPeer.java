package dev.house.bench.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring WebFlux peer on Reactor Netty, configured as a user would (see application.properties). */
@SpringBootApplication
public class WebFluxPeer {
    public static void main(String[] args) {
        SpringApplication.run(WebFluxPeer.class, args);
    }
}
