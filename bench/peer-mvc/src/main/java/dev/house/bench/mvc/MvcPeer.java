package dev.house.bench.mvc;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Spring MVC peer on Tomcat, virtual threads on when the JVM has them (see application.properties);
 * HTTPS when {@code TLS_KEYSTORE} is set (profile {@code tls}); HTTP/2 too when {@code BENCH_HTTP2=1}
 * (profile {@code h2}).
 */
@SpringBootApplication
public class MvcPeer {
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(MvcPeer.class);
        List<String> profiles = new ArrayList<>();
        if (System.getenv("TLS_KEYSTORE") != null) {
            profiles.add("tls"); // application-tls.properties: HTTPS with that key store
        }
        if ("1".equals(System.getenv("BENCH_HTTP2"))) {
            profiles.add("h2"); // application-h2.properties: server.http2.enabled
        }
        app.setAdditionalProfiles(profiles.toArray(String[]::new));
        app.run(args);
    }
}
