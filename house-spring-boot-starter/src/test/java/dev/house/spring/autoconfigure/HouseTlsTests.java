package dev.house.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.house.core.HouseServer;
import dev.house.core.ServerConfig;
import dev.house.core.handler.Router;
import dev.house.core.http.RequestRouter;
import dev.house.core.http.Response;
import dev.house.spring.server.HttpsRedirectLifecycle;
import dev.house.spring.testing.StartupFailures;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * HTTPS from a Spring Boot SSL bundle, tested with real TLS clients. The key stores are made at
 * test time with the running JDK's keytool, so no key material is committed.
 */
class HouseTlsTests {
    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;
    static Path first;
    static Path second;

    @BeforeAll
    static void makeKeyStores() throws Exception {
        first = keyStore("house-first");
        second = keyStore("house-second");
    }

    private ApplicationContextRunner runner(Path keyStore) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HouseAutoConfiguration.class))
                .withBean(RequestRouter.class, () -> Router.builder().get("/", r -> Response.text("secure")).build())
                .withPropertyValues("house.port=0", "house.event-loops=1",
                        "spring.ssl.bundle.jks.web.keystore.location=file:" + keyStore,
                        "spring.ssl.bundle.jks.web.keystore.password=" + PASSWORD,
                        "spring.ssl.bundle.jks.web.keystore.type=PKCS12");
    }

    @Test
    void servesHttpsWithTheNamedBundle() {
        runner(first).withPropertyValues("house.ssl.bundle=web").run(context -> {
            int port = context.getBean(HouseServer.class).port();
            HttpResponse<String> response = client().send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("secure");
        });
    }

    @Test
    void servesPlainHttpWithoutABundle() {
        runner(first).run(context -> assertThat(context.getBean(ServerConfig.class).tls()).isNull());
    }

    @Test
    void servesPlainHttpWhenSslIsDisabled() {
        runner(first).withPropertyValues("house.ssl.bundle=web", "house.ssl.enabled=false")
                .run(context -> assertThat(context.getBean(ServerConfig.class).tls()).isNull());
    }

    @Test
    void handshakeTimeoutComesFromItsProperty() {
        runner(first).withPropertyValues("house.ssl.bundle=web", "house.ssl.handshake-timeout=3s")
                .run(context -> assertThat(context.getBean(ServerConfig.class).tls().handshakeTimeout())
                        .isEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void anUnknownBundleFailsStartUpNamingTheProperty() {
        runner(first).withPropertyValues("house.ssl.bundle=nope")
                .run(context -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getName()).isEqualTo("house.ssl.bundle"));
    }

    @Test
    void redirectListenerSendsPlainRequestsToHttps() {
        runner(first).withPropertyValues("house.ssl.bundle=web", "house.ssl.redirect-port=0").run(context -> {
            int https = context.getBean(HouseServer.class).port();
            int plain = context.getBean(HttpsRedirectLifecycle.class).port();
            assertThat(context.getEnvironment().getProperty("local.house.redirect-port")).isEqualTo(String.valueOf(plain));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + plain + "/rooms/a?x=1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(308);
            assertThat(response.headers().firstValue("Location")).hasValue("https://localhost:" + https + "/rooms/a?x=1");
        });
    }

    @Test
    void redirectWithoutHttpsFailsStartUpNamingTheProperty() {
        runner(first).withPropertyValues("house.ssl.redirect-port=0")
                .run(context -> assertThat(StartupFailures.invalidProperty(context.getStartupFailure()).getName())
                        .isEqualTo("house.ssl.redirect-port"));
    }

    @Test
    void reloadedBundleServesTheNewCertificateToNewConnections() throws Exception {
        Path live = dir.resolve("live.p12");
        Files.copy(first, live, StandardCopyOption.REPLACE_EXISTING);
        runner(live).withPropertyValues("house.ssl.bundle=web", "spring.ssl.bundle.jks.web.reload-on-update=true",
                "spring.ssl.bundle.watch.file.quiet-period=100ms").run(context -> {
                    int port = context.getBean(HouseServer.class).port();
                    assertThat(subject(port)).isEqualTo("CN=house-first");
                    Files.copy(second, live, StandardCopyOption.REPLACE_EXISTING);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                    String seen = subject(port);
                    while (!seen.equals("CN=house-second") && System.nanoTime() < deadline) {
                        Thread.sleep(100); // the bundle's file watcher works on its own schedule
                        seen = subject(port);
                    }
                    assertThat(seen).isEqualTo("CN=house-second");
                });
    }

    private static String subject(int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) trusting(first, second).getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    private static HttpClient client() throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trusting(first)).build();
    }

    private static Path keyStore(String commonName) throws IOException, InterruptedException {
        Path file = dir.resolve(commonName + ".p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + commonName, "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2",
                "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        return file;
    }

    private static SSLContext trusting(Path... stores) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (Path store : stores) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            trusted.setCertificateEntry(store.getFileName().toString(), ks.getCertificate("server"));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

}
