package dev.house.spring.autoconfigure.security;

import dev.house.core.session.Sessions;
import dev.house.core.sse.SubscribeAuthorizer;
import dev.house.spring.autoconfigure.HouseAutoConfiguration;
import dev.house.spring.security.ChannelAuthorizer;
import dev.house.spring.security.HouseSecurity;
import dev.house.spring.security.JwtBearerTokens;
import dev.house.spring.security.SecurityInterceptor;
import java.time.Clock;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * House security when Spring Security is on the class path, secure by default as Boot is for MVC
 * and WebFlux: without a {@link HouseSecurity} bean every house route needs an authenticated user
 * (the Actuator health probes excepted), over HTTP Basic with Boot's generated user
 * ({@code spring.security.user.*}, its password logged at start-up) unless the application has
 * its own {@link UserDetailsService} or {@link AuthenticationManager}. Bearer JWTs are accepted
 * when there is a {@link JwtDecoder} (Boot makes one from
 * {@code spring.security.oauth2.resourceserver.jwt.*}). {@code house.security.enabled=false}
 * turns all of it off, with a warning.
 */
@AutoConfiguration(before = HouseAutoConfiguration.class, afterName = {
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration" })
@ConditionalOnClass({ AuthenticationManager.class, SecurityProperties.class })
@ConditionalOnProperty(prefix = "house", name = "enabled", matchIfMissing = true)
public final class HouseSecurityAutoConfiguration {

    private static final Log logger = LogFactory.getLog(HouseSecurityAutoConfiguration.class);

    /** House security proper; backs off with {@code house.security.enabled=false}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "house.security", name = "enabled", matchIfMissing = true)
    @EnableConfigurationProperties(SecurityProperties.class)
    static class Enabled {

        @Bean
        @ConditionalOnMissingBean
        HouseSecurity houseSecurity() {
            return HouseSecurity.defaults();
        }

        /** Boot's generated user, for apps that are no servlet application (Boot makes it only for those). */
        @Bean
        @ConditionalOnMissingBean(value = { UserDetailsService.class, AuthenticationManager.class,
                org.springframework.security.authentication.AuthenticationProvider.class },
                type = "org.springframework.security.oauth2.jwt.JwtDecoder")
        InMemoryUserDetailsManager houseUserDetailsService(SecurityProperties properties,
                                                           ObjectProvider<PasswordEncoder> passwordEncoder) {
            SecurityProperties.User user = properties.getUser();
            List<String> roles = user.getRoles();
            String password = user.getPassword();
            if (user.isPasswordGenerated()) {
                logger.warn(String.format("%n%nUsing generated security password: %s%n%nThis generated password is for"
                        + " development use only. Your security configuration must be updated before running your"
                        + " application in production.%n", password));
            }
            if (passwordEncoder.getIfAvailable() == null && !password.startsWith("{")) {
                password = "{noop}" + password;
            }
            return new InMemoryUserDetailsManager(User.withUsername(user.getName()).password(password)
                    .roles(roles.toArray(new String[0])).build());
        }

        @Bean
        SecurityInterceptor houseSecurityInterceptor(HouseSecurity security,
                                                     ObjectProvider<AuthenticationManager> authenticationManager,
                                                     ObjectProvider<UserDetailsService> users,
                                                     ObjectProvider<PasswordEncoder> passwordEncoder,
                                                     ObjectProvider<JwtBearerTokens> bearerTokens,
                                                     ObjectProvider<Sessions> sessions) {
            AuthenticationManager manager = authenticationManager.getIfUnique(
                    () -> basicAuthentication(users.getIfUnique(), passwordEncoder.getIfUnique()));
            return new SecurityInterceptor(security, manager, bearerTokens.getIfAvailable(), sessions.getIfAvailable(),
                    Clock.systemUTC());
        }

        @Bean
        SubscribeAuthorizer houseChannelAuthorizer(HouseSecurity security) {
            return ChannelAuthorizer.of(security);
        }

        private static @Nullable AuthenticationManager basicAuthentication(@Nullable UserDetailsService users,
                                                                   @Nullable PasswordEncoder encoder) {
            if (users == null) {
                return null;
            }
            DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
            provider.setPasswordEncoder(encoder != null ? encoder
                    : PasswordEncoderFactories.createDelegatingPasswordEncoder());
            return new ProviderManager(provider);
        }
    }

    /** Bearer JWTs, when the resource server is on the class path and there is a decoder. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "house.security", name = "enabled", matchIfMissing = true)
    @ConditionalOnClass({ JwtDecoder.class, JwtAuthenticationConverter.class })
    static class Jwt {

        @Bean
        @ConditionalOnBean(JwtDecoder.class)
        JwtBearerTokens houseJwtBearerTokens(JwtDecoder decoder, ObjectProvider<JwtAuthenticationConverter> converter) {
            return new JwtBearerTokens(decoder, converter.getIfAvailable(JwtAuthenticationConverter::new),
                    Clock.systemUTC());
        }
    }

    /** Spring Security is there but house security was turned off: say so, as it is easy to miss. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "house.security", name = "enabled", havingValue = "false")
    static class Disabled {

        Disabled() {
            logger.warn("Spring Security is on the class path but house.security.enabled=false:"
                    + " house routes and SSE streams are NOT secured");
        }
    }
}
