package dev.house.bench.housestarter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** House through its Spring Boot starter, no Spring web server: the Spring-level house row. */
@SpringBootApplication
public class HouseStarterApp {
    public static void main(String[] args) {
        SpringApplication.run(HouseStarterApp.class, args);
    }
}
