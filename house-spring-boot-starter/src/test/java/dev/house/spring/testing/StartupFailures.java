package dev.house.spring.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/** What made an application context fail to start, for tests of start-up validation. */
public final class StartupFailures {
    private StartupFailures() {
    }

    /**
     * The {@link InvalidConfigurationPropertyValueException} in {@code failure}'s causes, which
     * names the bad property; fails the test when there is none.
     */
    public static InvalidConfigurationPropertyValueException invalidProperty(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("an InvalidConfigurationPropertyValueException naming the property in " + failure)
                .isNotNull();
        return (InvalidConfigurationPropertyValueException) cause;
    }
}
