package org.mqttsniff.capture.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.net.ssl.SSLException;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.session.SnifferEvent;

/**
 * TLS on both sides: mosquitto_pub speaks TLS to the proxy, the proxy speaks TLS to a mosquitto
 * TLS listener, and what is decoded in between is the plaintext. The CA and the certificate
 * (for localhost and 127.0.0.1) are made by the test with the openssl command.
 */
class ProxyTlsTest {
    @TempDir
    Path dir;

    private Path ca;
    private Path cert;
    private Path key;

    @BeforeEach
    void makeCertificates() throws Exception {
        Assumptions.assumeTrue(Broker.onPath("openssl"), "openssl not found: install Debian's openssl");
        Broker.assumeInstalled();
        ca = dir.resolve("ca.pem");
        cert = dir.resolve("server.pem");
        key = dir.resolve("server.key");
        Path caKey = dir.resolve("ca.key");
        Path csr = dir.resolve("server.csr");
        Path ext = dir.resolve("ext.cnf");
        Files.writeString(ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                + "extendedKeyUsage=serverAuth\n");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", caKey.toString(), "-out", ca.toString(), "-days", "2", "-subj", "/CN=mqttsniff test CA");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=localhost");
        openssl("x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString());
        // mosquitto may drop root for its own user: let it read the test's files
        for (Path p : new Path[] {dir, ca, cert, key}) {
            p.toFile().setReadable(true, false);
            p.toFile().setExecutable(true, false);
        }
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        Clients.run("openssl", args);
    }

    private Broker tlsBroker() throws Exception {
        return Broker.start(dir, "cafile " + ca, "certfile " + cert, "keyfile " + key);
    }

    @Test
    void tls_clients_to_a_tls_broker_are_decoded_in_plaintext() throws Exception {
        try (Broker broker = tlsBroker();
             Harness proxy = Harness.to(broker.port).tls(ProxyTls.server(cert, key), ProxyTls.upstream(ca, false),
                     "127.0.0.1").start()) {
            Process sub = Clients.start("mosquitto_sub", "-h", "127.0.0.1", "-p", String.valueOf(proxy.port),
                    "--cafile", ca.toString(), "-i", "tls-sub", "-t", "secret/#", "-C", "1", "-v");
            proxy.await("SUBACK", e -> e instanceof SnifferEvent.Packet p && "tls-sub".equals(p.clientId())
                    && p.result().typeName().equals("SUBACK"));
            Clients.run("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(proxy.port), "--cafile",
                    ca.toString(), "-i", "tls-pub", "-t", "secret/1", "-m", "in the clear", "-q", "1");
            assertThat(Clients.output(sub, "mosquitto_sub").strip()).isEqualTo("secret/1 in the clear");
            SnifferEvent.Packet p = (SnifferEvent.Packet) proxy.await("PUBLISH from tls-pub",
                    e -> e instanceof SnifferEvent.Packet x && "tls-pub".equals(x.clientId())
                            && x.result() instanceof DecodeResult.Decoded d && d.packet() instanceof Publish);
            Publish pb = (Publish) ((DecodeResult.Decoded) p.result()).packet();
            assertThat(pb.payload().utf8()).isEqualTo("in the clear");
            assertThat(proxy.packets()).noneMatch(x -> x.result() instanceof DecodeResult.Malformed);
        }
    }

    @Test
    void a_broker_certificate_from_another_ca_is_refused_with_one_line() throws Exception {
        Path otherCa = dir.resolve("other-ca.pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", dir.resolve("other.key").toString(), "-out", otherCa.toString(), "-days", "2",
                "-subj", "/CN=someone else");
        try (Broker broker = tlsBroker();
             Harness proxy = Harness.to(broker.port).tls(null, ProxyTls.upstream(otherCa, false), "127.0.0.1")
                     .start()) {
            Process pub = Clients.start("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(proxy.port),
                    "-t", "t", "-m", "m");
            assertThat(pub.waitFor()).isNotZero();
            assertThat(proxy.notices).hasSize(1);
            assertThat(proxy.notices.get(0)).startsWith("upstream 127.0.0.1:" + broker.port + ": ");
            assertThat(proxy.packets()).isEmpty();
        }
    }

    @Test
    void insecure_accepts_the_broker_whatever_its_certificate() throws Exception {
        try (Broker broker = tlsBroker();
             Harness proxy = Harness.to(broker.port).tls(null, ProxyTls.upstream(null, true), "127.0.0.1").start()) {
            Clients.run("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(proxy.port), "-i", "plain-client",
                    "-t", "t", "-m", "m", "-q", "1");
            proxy.await("PUBACK", e -> e instanceof SnifferEvent.Packet p && p.result().typeName().equals("PUBACK"));
        }
    }

    @Test
    void a_missing_key_file_is_one_clear_message() {
        assertThatThrownBy(() -> ProxyTls.server(dir.resolve("nope.pem"), dir.resolve("nope.key")))
                .isInstanceOf(SSLException.class).hasMessageContaining("--tls-cert").hasMessageContaining("nope.pem");
    }
}
