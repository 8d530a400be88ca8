package dev.house.spring.autoconfigure;

/**
 * Fails start-up when {@code house.broker} names a broker the application cannot build because a
 * dependency is missing; its failure analysis names the dependency to add.
 */
public final class MissingBrokerDependencyException extends IllegalStateException {

    private final String dependency;

    MissingBrokerDependencyException(String message, String dependency) {
        super(message);
        this.dependency = dependency;
    }

    /** The Maven coordinates of what to add, e.g. {@code org.springframework.boot:spring-boot-starter-data-redis}. */
    public String dependency() {
        return dependency;
    }
}
