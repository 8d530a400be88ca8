package dev.house.bench.housestarter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * House through its Spring Boot starter, no Spring web server: the Spring-level house row; HTTPS
 * when {@code TLS_KEYSTORE} is set (profile {@code tls}, the starter's {@code house.ssl.bundle}).
 */
@SpringBootApplication
public class HouseStarterApp {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(HouseStarterApp.class);
        if (System.getenv("TLS_KEYSTORE") != null) {
            app.setAdditionalProfiles("tls"); // application-tls.properties: HTTPS with that key store
        }
        app.run(args);
    }
}
