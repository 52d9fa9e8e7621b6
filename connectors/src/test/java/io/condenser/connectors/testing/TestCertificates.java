package io.condenser.connectors.testing;

import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A throw-away certificate authority made with the {@code openssl} command for one test: a CA, a
 * server certificate for {@code 127.0.0.1} / {@code localhost} and a client certificate, all signed
 * by the CA, as PEM files with unencrypted PKCS#8 keys (what a user's tooling produces).
 */
public final class TestCertificates {

    public final Path caCert;
    public final Path serverCert;
    public final Path serverKey;
    public final Path clientCert;
    public final Path clientKey;

    private TestCertificates(Path dir) {
        caCert = dir.resolve("ca.pem");
        serverCert = dir.resolve("server.pem");
        serverKey = dir.resolve("server.key");
        clientCert = dir.resolve("client.pem");
        clientKey = dir.resolve("client.key");
    }

    /** Makes the CA and both certificates in {@code dir}. */
    public static TestCertificates create(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCertificates c = new TestCertificates(dir);
        Path caKey = dir.resolve("ca.key");
        openssl(
                dir,
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-out",
                caKey.toString());
        openssl(
                dir,
                "req",
                "-x509",
                "-new",
                "-key",
                caKey.toString(),
                "-sha256",
                "-days",
                "2",
                "-subj",
                "/CN=condenser test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
                "-out",
                c.caCert.toString());
        c.issue(
                dir,
                caKey,
                "server",
                c.serverKey,
                c.serverCert,
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        c.issue(dir, caKey, "client", c.clientKey, c.clientCert, "extendedKeyUsage=clientAuth\n");
        return c;
    }

    /** A client context trusting only this CA; with {@code clientCert}, presenting the client's. */
    public SSLContext clientContext(boolean clientCert) {
        try {
            SslContextBuilder b =
                    SslContextBuilder.forClient()
                            .sslProvider(SslProvider.JDK)
                            .trustManager(caCert.toFile());
            if (clientCert) {
                b.keyManager(this.clientCert.toFile(), clientKey.toFile());
            }
            return ((JdkSslContext) b.build()).context();
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void issue(Path dir, Path caKey, String name, Path key, Path cert, String ext)
            throws IOException, InterruptedException {
        Path csr = dir.resolve(name + ".csr");
        Path extFile = dir.resolve(name + ".ext");
        Files.writeString(extFile, ext, StandardCharsets.UTF_8);
        openssl(
                dir,
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-out",
                key.toString());
        openssl(
                dir,
                "req",
                "-new",
                "-key",
                key.toString(),
                "-subj",
                "/CN=" + name,
                "-out",
                csr.toString());
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                caCert.toString(),
                "-CAkey",
                caKey.toString(),
                "-CAcreateserial",
                "-days",
                "2",
                "-sha256",
                "-extfile",
                extFile.toString(),
                "-out",
                cert.toString());
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p =
                new ProcessBuilder(cmd)
                        .directory(dir.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("openssl.log").toFile())
                        .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("openssl " + args[0] + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(
                    "openssl "
                            + String.join(" ", args)
                            + " failed: "
                            + Files.readString(dir.resolve("openssl.log")));
        }
    }
}
