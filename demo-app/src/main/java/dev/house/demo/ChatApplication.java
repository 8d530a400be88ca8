package dev.house.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts the chat room: house listens on {@code house.port} (4242 in {@code application.yml};
 * {@code --house.port=8080} or any other {@code --house.x=y} overrides it) and keeps the JVM
 * running until it is stopped.
 */
@SpringBootApplication
public class ChatApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
