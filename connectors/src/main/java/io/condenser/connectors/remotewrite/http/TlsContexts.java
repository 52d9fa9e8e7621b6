package io.condenser.connectors.remotewrite.http;

import io.condenser.connectors.remotewrite.config.EndpointConfig;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.io.IOException;
import javax.net.ssl.SSLContext;

/**
 * The JDK {@link SSLContext} an endpoint's client uses: the JDK's trust store, or exactly the CA
 * certificates of a PEM bundle (a private CA), or (tests only) anything; plus a client certificate
 * for mutual TLS. PEM files are read by Netty's PEM reader (the direct source's TLS uses the same),
 * the context is the JDK's underneath, for the JDK's {@code HttpClient}.
 */
final class TlsContexts {

    private TlsContexts() {}

    static SSLContext client(EndpointConfig endpoint) throws IOException {
        try {
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
            if (endpoint.insecureSkipVerify()) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (endpoint.caCertFile() != null) {
                b.trustManager(new File(endpoint.caCertFile()));
            }
            if (endpoint.clientCertFile() != null) {
                b.keyManager(
                        new File(endpoint.clientCertFile()), new File(endpoint.clientKeyFile()));
            }
            return ((JdkSslContext) b.build()).context();
        } catch (Exception e) {
            throw new IOException(
                    "TLS setup failed for " + endpoint.url() + ": " + rootMessage(e), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
