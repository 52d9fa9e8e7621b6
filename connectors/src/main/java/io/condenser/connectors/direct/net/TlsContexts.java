package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.DirectSourceConfig.TlsConfig;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import javax.net.ssl.SSLContext;

/**
 * The server's TLS context from PEM files (certificate chain, unencrypted PKCS#8 key), read by
 * Netty's PEM reader: for the HTTP listener as Netty's {@link SslContext}, for the TCP listeners as
 * the JDK {@link SSLContext} underneath it. The JDK provider, not OpenSSL: no native library to
 * ship or relocate.
 */
final class TlsContexts {

    private TlsContexts() {}

    /**
     * @throws IllegalArgumentException with the reason, when a file is missing or not a key pair
     */
    static SslContext netty(TlsConfig tls) {
        try {
            return SslContextBuilder.forServer(new File(tls.certFile()), new File(tls.keyFile()))
                    .sslProvider(SslProvider.JDK)
                    .build();
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "cannot load its TLS certificate "
                            + tls.certFile()
                            + " and key "
                            + tls.keyFile()
                            + ": "
                            + rootMessage(e),
                    e);
        }
    }

    static SSLContext jdk(TlsConfig tls) {
        return ((JdkSslContext) netty(tls)).context();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
