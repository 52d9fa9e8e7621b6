package io.condenser.connectors.remotewrite.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** SSL contexts for receivers with a private CA (a PEM bundle) or, in tests, none at all. */
final class TlsContexts {

    private TlsContexts() {}

    /** Trusts exactly the certificates in a PEM file (one or more CA certificates). */
    static SSLContext trusting(Path pemFile) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        int i = 0;
        try (InputStream in = Files.newInputStream(pemFile)) {
            for (Certificate c : cf.generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
        }
        if (i == 0) {
            throw new GeneralSecurityException("no certificate in " + pemFile);
        }
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
        return ctx;
    }

    /** Accepts any certificate (insecure_skip_verify). */
    static SSLContext trustingAnything() throws GeneralSecurityException {
        TrustManager all =
                new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {all}, new SecureRandom());
        return ctx;
    }
}
