package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.DirectSourceConfig.TlsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the server-side TLS context from a key store (JKS or PKCS12). */
final class TlsContexts {

    private TlsContexts() {}

    static SSLContext server(TlsConfig tls) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(tls.keyStorePath()))) {
            char[] password = tls.keyStorePassword().toCharArray();
            KeyStore ks = KeyStore.getInstance(tls.keyStoreType());
            ks.load(in, password);
            KeyManagerFactory kmf =
                    KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load TLS key store " + tls.keyStorePath() + ": " + e, e);
        }
    }
}
