package dev.house.bench.webflux;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring WebFlux peer on Reactor Netty, configured as a user would (see application.properties);
 * HTTPS when {@code TLS_KEYSTORE} is set (profile {@code tls}).
 */
@SpringBootApplication
public class WebFluxPeer {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(WebFluxPeer.class);
        if (System.getenv("TLS_KEYSTORE") != null) {
            app.setAdditionalProfiles("tls"); // application-tls.properties: HTTPS with that key store
        }
        app.run(args);
    }
}
