package dev.house.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.house.spring.testing.HelloApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class InvalidPropertyStartupTests {

    @Test
    void anInvalidValueFailsStartUpWithAReportNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(HelloApplication.class)
                .web(WebApplicationType.NONE)
                .properties("house.port=0", "house.limits.request-timeout=0s")
                .run())
                .hasStackTraceContaining("house.limits.request-timeout");
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("Invalid value '0s' for configuration property 'house.limits.request-timeout'")
                .contains("requestTimeout must be positive");
    }
}
