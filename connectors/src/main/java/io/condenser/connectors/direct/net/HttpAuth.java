package io.condenser.connectors.direct.net;

import io.condenser.connectors.direct.DirectSourceConfig;
import io.condenser.connectors.util.RateLimitedLog;
import io.condenser.connectors.util.SecretFile;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Checks the credentials of HTTP writes: a bearer token ({@code Authorization: Bearer <t>}, or
 * Influx v2's {@code Token <t>}) or basic auth ({@code Authorization: Basic ...}, or Influx v1's
 * {@code u}/{@code p} query parameters). The secrets are files, re-read when they change; compared
 * in constant time.
 */
final class HttpAuth {

    private static final RateLimitedLog LOG =
            new RateLimitedLog(LoggerFactory.getLogger(HttpAuth.class), 10_000);

    private final SecretFile token;
    private final String user;
    private final SecretFile password;

    private HttpAuth(SecretFile token, String user, SecretFile password) {
        this.token = token;
        this.user = user;
        this.password = password;
    }

    /**
     * @throws IOException when a secret file cannot be read now: the listener does not start
     */
    static HttpAuth of(DirectSourceConfig config) throws IOException {
        SecretFile token =
                config.bearerTokenFile() == null
                        ? null
                        : new SecretFile(Path.of(config.bearerTokenFile()));
        SecretFile password =
                config.basicPasswordFile() == null
                        ? null
                        : new SecretFile(Path.of(config.basicPasswordFile()));
        for (SecretFile f : new SecretFile[] {token, password}) {
            if (f != null) {
                try {
                    f.read();
                } catch (IOException e) {
                    throw new IOException("cannot read its credentials file " + f + ": " + e, e);
                }
            }
        }
        return new HttpAuth(token, config.basicUser(), password);
    }

    boolean required() {
        return token != null || user != null;
    }

    /** The {@code WWW-Authenticate} value of a 401. */
    String challenge() {
        return token != null ? "Bearer realm=\"condenser\"" : "Basic realm=\"condenser\"";
    }

    boolean authorized(HttpHeaders headers, Map<String, String> query) {
        if (!required()) {
            return true;
        }
        String header = headers.get(HttpHeaderNames.AUTHORIZATION);
        try {
            return token != null ? tokenMatches(header) : basicMatches(header, query);
        } catch (IOException e) {
            // a secret that vanished (a botched rotation) denies everybody rather than nobody
            LOG.warn("direct source: cannot read the credentials file, refusing writes: {}", e);
            return false;
        }
    }

    private boolean tokenMatches(String header) throws IOException {
        String given = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = header.substring(7).trim();
        } else if (header != null && header.regionMatches(true, 0, "Token ", 0, 6)) {
            given = header.substring(6).trim();
        }
        return given != null && same(given, token.read());
    }

    private boolean basicMatches(String header, Map<String, String> query) throws IOException {
        String u = query.get("u");
        String p = query.get("p");
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded =
                        new String(
                                Base64.getDecoder().decode(header.substring(6).trim()),
                                StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return false;
            }
            u = decoded.substring(0, colon);
            p = decoded.substring(colon + 1);
        }
        // both compared, always: no early exit telling a right user from a wrong one
        return u != null & p != null && same(u, user) & same(p, password.read());
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(
                a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
