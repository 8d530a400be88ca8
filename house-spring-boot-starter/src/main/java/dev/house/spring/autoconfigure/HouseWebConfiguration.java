package dev.house.spring.autoconfigure;

import dev.house.core.cors.Cors;
import dev.house.core.session.Sessions;
import dev.house.spring.handler.ArgumentCheck;
import dev.house.spring.handler.ConstraintViolationReport;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** What handlers get around them: sessions, argument validation and CORS. */
final class HouseWebConfiguration {

    private HouseWebConfiguration() {
    }

    /** Sessions for handlers, created on demand and kept in memory. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "house.session", name = "enabled", matchIfMissing = true)
    static class SessionConfiguration {

        @Bean
        @ConditionalOnMissingBean
        Sessions houseSessions(HouseProperties properties) {
            HouseProperties.Session session = properties.getSession();
            Sessions.Builder sessions = Sessions.builder();
            PropertyValues.apply("house.session.idle-timeout", session.getIdleTimeout(), sessions::idleTimeout);
            PropertyValues.apply("house.session.max-sessions", session.getMaxSessions(), sessions::maxSessions);
            PropertyValues.apply("house.session.cookie-name", session.getCookieName(), sessions::cookieName);
            return sessions.build();
        }
    }

    /** Bean Validation of handler method arguments, with the application's validator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(jakarta.validation.Validator.class)
    static class ValidationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(jakarta.validation.Validator.class)
        ArgumentCheck houseArgumentCheck(jakarta.validation.Validator validator) {
            return new ConstraintViolationReport(validator);
        }
    }

    /** CORS for the origins in {@code house.cors.allowed-origins}, applied to every route. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(OnCorsOriginsCondition.class)
    static class CorsConfiguration {

        /** First of the interceptor beans, so preflights and refusals (401, 403) get CORS headers too. */
        @Bean
        @ConditionalOnMissingBean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        Cors houseCors(HouseProperties properties) {
            return CorsMapper.toCors(properties.getCors());
        }
    }
}
