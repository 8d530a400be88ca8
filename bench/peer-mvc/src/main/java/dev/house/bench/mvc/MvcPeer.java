package dev.house.bench.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring MVC peer on Tomcat, virtual threads on when the JVM has them (see application.properties);
 * HTTPS when {@code TLS_KEYSTORE} is set (profile {@code tls}).
 */
@SpringBootApplication
public class MvcPeer {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(MvcPeer.class);
        if (System.getenv("TLS_KEYSTORE") != null) {
            app.setAdditionalProfiles("tls"); // application-tls.properties: HTTPS with that key store
        }
        app.run(args);
    }
}
