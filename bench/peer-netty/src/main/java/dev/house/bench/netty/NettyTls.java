package dev.house.bench.netty;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The Netty peer's HTTPS (the TLS variants of S1 and S2): a server {@link SslContext} from the
 * PKCS12 key store named by {@code TLS_KEYSTORE}, on the JDK's {@code SSLEngine} like house, so
 * the comparison is of the servers and not of two TLS implementations.
 */
final class NettyTls {
    private NettyTls() {
    }

    /**
     * The context for {@code TLS_KEYSTORE} ({@code TLS_PASSWORD}, default changeit), or null for plain HTTP;
     * with {@code http2}, offering {@code h2} then {@code http/1.1} by ALPN.
     */
    static SslContext fromEnvironment(boolean http2) {
        String file = System.getenv("TLS_KEYSTORE");
        if (file == null) {
            return null;
        }
        char[] password = System.getenv().getOrDefault("TLS_PASSWORD", "changeit").toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            // The JDK's default cipher order, as house and Tomcat use it: Netty's own list puts AES-128
            // before AES-256, which would make the comparison partly one of ciphers.
            List<String> jdkCiphers = List.of(SSLContext.getDefault().getDefaultSSLParameters().getCipherSuites());
            SslContextBuilder builder = SslContextBuilder.forServer(keys).sslProvider(SslProvider.JDK).ciphers(jdkCiphers);
            if (http2) {
                builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1));
            }
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot load the TLS key store " + file + ": " + e.getMessage(), e);
        }
    }
}
