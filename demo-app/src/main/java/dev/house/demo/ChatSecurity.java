package dev.house.demo;

import dev.house.core.http.HttpMethod;
import dev.house.spring.security.HouseSecurity;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The chat room secured, with the {@code secure} profile: the page and its static files are
 * open, {@code /send-message} and {@code /source} need a user, and a user may read the
 * {@code lobby} and the room named after them. Users come from {@code demo.users}; a bearer JWT
 * (its {@code sub} is the user) works too once {@code spring.security.oauth2.resourceserver.jwt.*}
 * names a key, and may come as {@code access_token} on the stream's URL, since a browser's
 * {@code EventSource} cannot send headers.
 */
@Configuration(proxyBeanMethods = false)
@Profile("secure")
public class ChatSecurity {

    /** The room every user may read. */
    static final String LOBBY = "lobby";

    @Bean
    HouseSecurity houseSecurity() {
        return HouseSecurity.builder()
                .request(HttpMethod.GET, "/", "/index", "/app.js", "/style.css", "/favicon.ico").permitAll()
                .request("/send-message").authenticated()
                .request(HttpMethod.GET, "/source").authenticated()
                .anyRequest().denyAll()
                .channels((authentication, subscription) -> new AuthorizationDecision(
                        subscription.channel().equals(LOBBY)
                                || subscription.channel().equals(RoomChannel.of(authentication.get().getName()))))
                .bearerTokenQueryParameter(true)
                .build();
    }

    @Bean
    UserDetailsService chatUsers(Environment environment) {
        Map<String, String> users = Binder.get(environment)
                .bind("demo.users", Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        return new InMemoryUserDetailsManager(users.entrySet().stream()
                .map(user -> User.withUsername(user.getKey()).password(user.getValue()).roles("USER").build())
                .toList());
    }
}
