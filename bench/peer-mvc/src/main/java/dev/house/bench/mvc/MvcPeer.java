package dev.house.bench.mvc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Spring MVC peer on Tomcat, virtual threads on when the JVM has them (see application.properties). */
@SpringBootApplication
public class MvcPeer {
    public static void main(String[] args) {
        SpringApplication.run(MvcPeer.class, args);
    }
}
