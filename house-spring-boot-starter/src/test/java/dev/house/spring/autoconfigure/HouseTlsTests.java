package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** HTTPS with a certificate from a Spring Boot SSL bundle, tested with a real TLS client. */
class HouseTlsTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HouseAutoConfiguration.class))
            .withBean(RequestRouter.class, () -> Router.builder().get("/", r -> Response.text("secure")).build())
            .withPropertyValues("house.port=0", "house.event-loops=1",
                    "spring.ssl.bundle.jks.web.keystore.location=classpath:house-test-tls.p12",
                    "spring.ssl.bundle.jks.web.keystore.password=changeit",
                    "spring.ssl.bundle.jks.web.keystore.type=PKCS12");

    @Test
    void servesHttpsWithTheNamedBundle() {
        runner.withPropertyValues("house.ssl.bundle=web").run(context -> {
            int port = context.getBean(HouseServer.class).port();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .sslContext(trusting()).build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("secure");
        });
    }

    @Test
    void servesPlainHttpWithoutABundle() {
        runner.run(context -> assertThat(context.getBean(ServerConfig.class).tls()).isNull());
    }

    @Test
    void anUnknownBundleFailsStartUpNamingTheProperty() {
        runner.withPropertyValues("house.ssl.bundle=nope").run(context -> {
            Throwable cause = context.getStartupFailure();
            while (cause != null && !(cause instanceof InvalidConfigurationPropertyValueException)) {
                cause = cause.getCause();
            }
            assertThat(cause).isNotNull();
            assertThat(((InvalidConfigurationPropertyValueException) cause).getName()).isEqualTo("house.ssl.bundle");
        });
    }

    private static SSLContext trusting() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = HouseTlsTests.class.getClassLoader().getResourceAsStream("house-test-tls.p12")) {
            store.load(in, "changeit".toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
