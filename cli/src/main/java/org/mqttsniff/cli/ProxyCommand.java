package org.mqttsniff.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import org.mqttsniff.capture.proxy.FlowWriter;
import org.mqttsniff.capture.proxy.ProxyConfig;
import org.mqttsniff.capture.proxy.ProxyException;
import org.mqttsniff.capture.proxy.ProxyTls;
import org.mqttsniff.capture.proxy.RelayPipeline;
import org.mqttsniff.capture.proxy.RelayServer;
import org.mqttsniff.cli.options.OutputOptions;
import org.mqttsniff.cli.options.ProtocolOptions;
import org.mqttsniff.cli.options.ShowOptions;
import org.mqttsniff.tui.Tui;

import io.netty.handler.ssl.SslContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code mqttsniff proxy}: clients connect here, their bytes are relayed to the broker unchanged,
 * and both directions are decoded on the way (plaintext, so also MQTT over TLS). Runs until
 * interrupted, or until {@code -c} packets have been shown.
 */
@Command(name = "proxy", sortOptions = false,
        description = {"Relay MQTT clients to a broker and decode both directions: no root, no libpcap, and TLS"
                + " is decoded as plaintext.",
            "",
            "  mqttsniff proxy --upstream broker:1883            clients connect to 127.0.0.1:1884",
            "  mqttsniff proxy --upstream broker:8883 --upstream-tls --cafile ca.pem --tls-cert c.pem --tls-key k.pem",
            ""})
final class ProxyCommand implements java.util.concurrent.Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The top command, which knows whether we run on a terminal (null when this command runs alone, in tests). */
    @ParentCommand
    Main parent;

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:1884",
            description = "Where clients connect (default: ${DEFAULT-VALUE}; 0.0.0.0:PORT to accept other machines).")
    String listen;

    @Option(names = "--upstream", paramLabel = "HOST:PORT", required = true, description = "The broker to relay to.")
    String upstream;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "" + ProxyConfig.DEFAULT_MAX_CONNECTIONS,
            description = "Clients relayed at once; more are refused (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "0",
            description = "Close a connection after this long without a byte either way (default: 0, never;"
                    + " MQTT keep alive may be up to 18 hours).")
    long idleSeconds;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "Accept TLS clients with this PEM certificate (chain).")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "The PEM (PKCS#8) private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--upstream-tls", description = "Reach the broker over TLS (its name is checked against its certificate).")
    boolean upstreamTls;

    @Option(names = "--cafile", paramLabel = "FILE",
            description = "With --upstream-tls: trust these PEM CA certificates instead of the JDK's.")
    Path cafile;

    @Option(names = "--insecure", description = "With --upstream-tls: accept any broker certificate and name.")
    boolean insecure;

    @Option(names = "--ws", description = "Clients speak MQTT over WebSocket (path /mqtt, subprotocol mqtt).")
    boolean webSocket;

    @Option(names = "-V", description = "Under each packet, explain every field with its bytes (text output).")
    boolean verbose;

    @Option(names = {"-z", "--stats"},
            description = "Instead of a line per packet, print a summary when the proxy stops.")
    boolean stats;

    @Mixin
    ShowOptions show;

    @Mixin
    ProtocolOptions protocol;

    @Mixin
    OutputOptions output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ProxyConfig config = config();
        boolean lines = verbose || stats || show.writeTo() != null || show.count() != Long.MAX_VALUE;
        if (output.tui(parent != null && parent.terminal(), lines)) {
            return inTui(config, err);
        }
        // the sink first: a bad -Y is reported before anything listens
        try (EventOutput sink = new EventOutput(show, false, output, verbose, stats, out, err);
             FlowWriter writer = openWriter()) {
            RelayPipeline pipeline = new RelayPipeline(protocol.sessionOptions(p -> true), sink, writer, () -> {
                out.flush();
                if (writer != null) {
                    try {
                        writer.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }, ProxyConfig.DEFAULT_MAX_QUEUED);
            Instant now = Instant.now();
            sink.started(now.getEpochSecond() * 1_000_000_000L + now.getNano());
            RelayServer server = new RelayServer(config, pipeline, line -> {
                synchronized (err) {
                    err.println(Main.NAME + ": proxy: " + line);
                    err.flush();
                }
            });
            InetSocketAddress bound;
            try {
                bound = server.start();
            } catch (ProxyException e) {
                throw new CliException(ExitCodes.CAPTURE_UNAVAILABLE, e.getMessage());
            }
            pipeline.start();
            synchronized (err) {
                err.println(Main.NAME + ": proxy: listening on " + bound.getHostString() + ":" + bound.getPort()
                        + (webSocket ? " (WebSocket /mqtt)" : "") + (config.clientTls() != null ? " (TLS)" : "")
                        + ", relaying to " + config.upstream() + (upstreamTls ? " (TLS)" : ""));
                err.flush();
            }
            runUntilStopped(pipeline, server, () -> {
                sink.finish();
                try {
                    if (writer != null) {
                        writer.close();
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    out.flush();
                    err.flush();
                }
            });
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write " + show.writeTo() + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot write " + show.writeTo() + ": " + e.getCause().getMessage());
        }
        err.flush();
        return ExitCodes.OK;
    }

    /**
     * The relay with its events in the terminal UI: it listens before the screen opens (a port in
     * use is one line on a normal terminal), and stops, closing every relayed connection, when the
     * user quits.
     */
    private int inTui(ProxyConfig config, PrintWriter err) {
        String filter = show.displayFilter().text(); // a bad -Y: one line, before anything listens
        String label = "proxy " + listen + " -> " + upstream;
        Tui.Options options = new Tui.Options(TuiRunner.color(), output.showSecrets(), filter, true);
        return TuiRunner.proxy(label, err, options, (feed, messages) -> {
            RelayPipeline pipeline = new RelayPipeline(protocol.sessionOptions(p -> true), feed, null, () -> { },
                    ProxyConfig.DEFAULT_MAX_QUEUED);
            RelayServer server = new RelayServer(config, pipeline, line -> messages.accept("proxy: " + line));
            try {
                server.start();
            } catch (ProxyException e) {
                throw new CliException(ExitCodes.CAPTURE_UNAVAILABLE, e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException(ExitCodes.OK, "interrupted before the proxy listened");
            }
            pipeline.start();
            pipeline.done().whenComplete((v, e) -> feed.end(e == null ? null
                    : "the proxy's pipeline stopped: " + (e.getCause() != null ? e.getCause() : e)));
            return () -> {
                pipeline.stop();
                server.close();
                try {
                    pipeline.done().get(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                    // reported to the store by done()'s handler; the UI is closing anyway
                }
            };
        });
    }

    /**
     * Until -c is reached or the process is interrupted (Ctrl-C): then the relay closes, what is
     * open is reported as at the end of a capture, and {@code report} (the -z summary, the end of
     * the -w file) runs before the JVM exits.
     */
    private static void runUntilStopped(RelayPipeline pipeline, RelayServer server, Runnable report)
            throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted.countDown();
            try {
                finished.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mqttsniff-proxy-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        pipeline.done().whenComplete((v, e) -> interrupted.countDown());
        try {
            interrupted.await();
            pipeline.stop();
            server.close();
            try {
                pipeline.done().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UncheckedIOException u) {
                    throw u;
                }
                if (!(e.getCause() instanceof EventOutput.Enough)) { // Enough: -c reached
                    throw new IllegalStateException("the proxy's pipeline failed", e.getCause());
                }
            }
            // before the shutdown hook returns: once it has, the JVM exits without waiting for us
            report.run();
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped us
            }
        }
    }

    private FlowWriter openWriter() throws IOException {
        Path w = show.writeTo();
        return w == null ? null : new FlowWriter(new BufferedOutputStream(Files.newOutputStream(w), 1 << 16));
    }

    private ProxyConfig config() {
        InetSocketAddress l = hostPort("--listen", listen);
        l = new InetSocketAddress(l.getHostString(), l.getPort());
        if (l.isUnresolved()) {
            throw usage("--listen: unknown host '" + l.getHostString() + "'");
        }
        InetSocketAddress u = hostPort("--upstream", upstream);
        if (maxConnections < 1) {
            throw usage("--max-connections must be 1 or more, got " + maxConnections);
        }
        if (idleSeconds < 0) {
            throw usage("--idle-timeout must be 0 or more seconds, got " + idleSeconds);
        }
        if ((tlsCert == null) != (tlsKey == null)) {
            throw usage("--tls-cert and --tls-key go together");
        }
        if ((cafile != null || insecure) && !upstreamTls) {
            throw usage((cafile != null ? "--cafile" : "--insecure") + " applies to --upstream-tls, which is not given");
        }
        if (cafile != null && insecure) {
            throw usage("--cafile and --insecure contradict each other: choose one");
        }
        SslContext clientTls = null;
        SslContext brokerTls = null;
        try {
            if (tlsCert != null) {
                clientTls = ProxyTls.server(tlsCert, tlsKey);
            }
            if (upstreamTls) {
                brokerTls = ProxyTls.upstream(cafile, insecure);
            }
        } catch (SSLException e) {
            throw CliException.invalidInput(e.getMessage());
        }
        return new ProxyConfig(l, u.getHostString(), u.getPort(), maxConnections, Duration.ofSeconds(idleSeconds),
                clientTls, brokerTls, webSocket, ProxyConfig.DEFAULT_MAX_QUEUED);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** HOST:PORT, with an IPv6 host in brackets ([::1]:1884); the host is resolved when used. */
    private InetSocketAddress hostPort(String option, String text) {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "" : text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (colon < 0 || host.isEmpty() || port < 0 || port > 65535) {
            throw usage(option + " takes HOST:PORT (e.g. 127.0.0.1:1883 or [::1]:1883), got '" + text + "'");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }
}
