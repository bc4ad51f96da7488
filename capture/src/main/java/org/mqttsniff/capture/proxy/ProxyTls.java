package org.mqttsniff.capture.proxy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

/** The TLS contexts of the proxy, on the JDK's own TLS (no native library to install). */
public final class ProxyTls {
    private ProxyTls() {
    }

    /** For accepting TLS clients: a PEM certificate chain and its PEM PKCS#8 key. */
    public static SslContext server(Path cert, Path key) throws SSLException {
        readable(cert, "--tls-cert");
        readable(key, "--tls-key");
        try {
            return SslContextBuilder.forServer(cert.toFile(), key.toFile()).sslProvider(SslProvider.JDK).build();
        } catch (IllegalArgumentException e) {
            throw new SSLException("cannot use " + cert + " with " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * For reaching a TLS broker: trusting the PEM CAs of {@code cafile}, or the JDK's CAs when it
     * is null; with {@code insecure}, trusting any certificate and any name.
     */
    public static SslContext upstream(Path cafile, boolean insecure) throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        if (insecure) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        } else {
            // the broker's name is checked against its certificate, as mosquitto_pub does
            b.endpointIdentificationAlgorithm("HTTPS");
            if (cafile != null) {
                readable(cafile, "--cafile");
                File f = cafile.toFile();
                try {
                    b.trustManager(f);
                } catch (IllegalArgumentException e) {
                    throw new SSLException("cannot read CA certificates from " + cafile + ": " + e.getMessage(), e);
                }
            }
        }
        return b.build();
    }

    private static void readable(Path p, String option) throws SSLException {
        if (!Files.isReadable(p)) {
            throw new SSLException(option + " " + p + ": no such readable file");
        }
    }
}
