package io.condenser.connectors.remotewrite.config;

import java.io.Serializable;
import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One remote-write receiver: URL, credentials, extra headers and TLS trust. Immutable; built and
 * validated by {@link Builder#build()}.
 */
public final class EndpointConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String basicAuthUser;
    private final String basicAuthPasswordFile;
    private final String bearerTokenFile;
    private final Map<String, String> headers;
    private final String caCertFile;
    private final String clientCertFile;
    private final String clientKeyFile;
    private final boolean insecureSkipVerify;

    private EndpointConfig(Builder b) {
        this.url = b.url;
        this.basicAuthUser = b.basicAuthUser;
        this.basicAuthPasswordFile = b.basicAuthPasswordFile;
        this.bearerTokenFile = b.bearerTokenFile;
        this.headers = Collections.unmodifiableMap(new TreeMap<>(b.headers));
        this.caCertFile = b.caCertFile;
        this.clientCertFile = b.clientCertFile;
        this.clientKeyFile = b.clientKeyFile;
        this.insecureSkipVerify = b.insecureSkipVerify;
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    public String url() {
        return url;
    }

    /** Null when basic auth is off. */
    public String basicAuthUser() {
        return basicAuthUser;
    }

    /** A file holding the basic-auth password, re-read when it changes. */
    public String basicAuthPasswordFile() {
        return basicAuthPasswordFile;
    }

    /** A file holding a bearer token, re-read when it changes; null when off. */
    public String bearerTokenFile() {
        return bearerTokenFile;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** PEM file of CA certificates to trust for https; null for the JDK default trust store. */
    public String caCertFile() {
        return caCertFile;
    }

    /** PEM client certificate (chain) for mutual TLS; null when none is presented. */
    public String clientCertFile() {
        return clientCertFile;
    }

    /** PEM (unencrypted PKCS#8) key of {@link #clientCertFile()}. */
    public String clientKeyFile() {
        return clientKeyFile;
    }

    public boolean insecureSkipVerify() {
        return insecureSkipVerify;
    }

    @Override
    public String toString() {
        // Never print credentials.
        return "EndpointConfig{url=" + url + ", headers=" + headers.keySet() + "}";
    }

    /** Builder; {@link #build()} validates. */
    public static final class Builder {
        private final String url;
        private String basicAuthUser;
        private String basicAuthPasswordFile;
        private String bearerTokenFile;
        private final Map<String, String> headers = new TreeMap<>();
        private String caCertFile;
        private String clientCertFile;
        private String clientKeyFile;
        private boolean insecureSkipVerify;

        private Builder(String url) {
            this.url = url;
        }

        /** Basic auth; the password is the contents of a file (secrets never in the config). */
        public Builder basicAuth(String user, String passwordFile) {
            this.basicAuthUser = user;
            this.basicAuthPasswordFile = passwordFile;
            return this;
        }

        public Builder bearerTokenFile(String path) {
            this.bearerTokenFile = path;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Builder caCertFile(String path) {
            this.caCertFile = path;
            return this;
        }

        /** Presents a client certificate (mutual TLS): PEM chain and unencrypted PKCS#8 key. */
        public Builder clientCertificate(String certFile, String keyFile) {
            this.clientCertFile = certFile;
            this.clientKeyFile = keyFile;
            return this;
        }

        /** Accept any server certificate. For tests against self-signed receivers only. */
        public Builder insecureSkipVerify(boolean skip) {
            this.insecureSkipVerify = skip;
            return this;
        }

        public EndpointConfig build() {
            Objects.requireNonNull(url, "url");
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("url must be a valid URI, got '" + url + "'", e);
            }
            String scheme = uri.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException(
                        "url must start with http:// or https://, got '" + url + "'");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("url must name a host, got '" + url + "'");
            }
            if (basicAuthUser != null && bearerTokenFile != null) {
                throw new IllegalArgumentException(
                        "basic auth and bearer token file are exclusive for " + url);
            }
            if (basicAuthUser != null
                    && (basicAuthUser.isEmpty()
                            || basicAuthPasswordFile == null
                            || basicAuthPasswordFile.isBlank())) {
                throw new IllegalArgumentException(
                        "basic auth needs a non-empty username and a password file for " + url);
            }
            if ((clientCertFile == null) != (clientKeyFile == null)) {
                throw new IllegalArgumentException(
                        "a client certificate needs both a cert file and a key file for " + url);
            }
            for (String h : headers.keySet()) {
                String lower = h.toLowerCase(java.util.Locale.ROOT);
                if (lower.equals("content-encoding")
                        || lower.equals("content-type")
                        || lower.equals("x-prometheus-remote-write-version")
                        || lower.equals("content-length")
                        || lower.equals("host")) {
                    throw new IllegalArgumentException(
                            "header '" + h + "' is set by the sink and cannot be overridden");
                }
            }
            if ((caCertFile != null || clientCertFile != null || insecureSkipVerify)
                    && !"https".equals(scheme)) {
                throw new IllegalArgumentException(
                        "TLS settings need an https:// url, got '" + url + "'");
            }
            return new EndpointConfig(this);
        }
    }
}
