package org.mqttsniff.cli;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;

import org.mqttsniff.capture.file.CaptureFileException;
import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.capture.live.Bpf;
import org.mqttsniff.capture.live.LiveSource;
import org.mqttsniff.cli.LiveCapture.Stats;
import org.mqttsniff.cli.options.CaptureOptions;
import org.mqttsniff.cli.options.LiveOptions;
import org.mqttsniff.cli.options.OutputOptions;
import org.mqttsniff.cli.options.ProtocolOptions;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.tui.Feed;
import org.mqttsniff.tui.PacketStore;
import org.mqttsniff.tui.Tui;

/**
 * {@code mqttsniff -r FILE} in the terminal UI: a loader thread runs the file through the
 * pipeline into the UI's {@link PacketStore} while this thread runs the UI. Live capture
 * ({@link #live}) and the proxy ({@link #proxy}) feed the store from their own pipeline thread the
 * same way, into a store capped at {@link #LIVE_ROWS} rows.
 */
final class TuiRunner {
    /** Frames between progress reports: often enough for a smooth bar, rare enough to cost nothing. */
    private static final int REPORT_EVERY = 4096;
    /** Frames read before the loader lets the UI draw its first screen: more than a screenful of rows. */
    private static final int FIRST_SCREEN_FRAMES = 1024;

    /** Rows a source without an end keeps (live capture, proxy): past it the oldest go, a chunk at a time. */
    static final long LIVE_ROWS = 200_000;

    private TuiRunner() {
    }

    static int run(Path file, CaptureOptions capture, ProtocolOptions protocol, OutputOptions output,
                   PrintWriter err) {
        String filter = capture.displayFilter().text(); // a bad -Y: one line, before anything opens
        SessionOptions options = protocol.sessionOptions(capture.mqttPort());
        FrameSource source = open(file);
        try (PacketStore store = new PacketStore("file " + file.getFileName(), Long.MAX_VALUE, spoolDir())) {
            show(store, new Tui.Options(color(), output.showSecrets(), filter, false), "mqttsniff-loader",
                    () -> load(source, options, capture, store), () -> { });
            PacketStore.Status s = store.status();
            if (s.error() != null) {
                err.println(Main.NAME + ": " + s.error());
            }
        } finally {
            closeQuietly(source);
        }
        err.flush();
        return ExitCodes.OK;
    }

    /**
     * {@code mqttsniff -i IFACE} in the terminal UI, in follow mode: the live pipeline thread feeds
     * the store, which keeps the newest {@link #LIVE_ROWS} rows. The interface is opened before the
     * screen, so a missing privilege or interface is one line on a normal terminal; when the UI
     * quits, the capture's summary (frames captured and dropped, packets by type) goes to stderr as
     * it does without the UI.
     */
    static int live(LiveOptions live, CaptureOptions capture, ProtocolOptions protocol, OutputOptions output,
                    PrintWriter err) {
        String filter = capture.displayFilter().text();
        SessionOptions options = protocol.sessionOptions(capture.mqttPort());
        String bpf = live.filter() != null ? live.filter() : Bpf.forPorts(capture.ports());
        LiveSource source = LiveCapture.open(live.settings(bpf));
        try (PacketStore store = new PacketStore("live " + source.device(), LIVE_ROWS, spoolDir());
             LiveCapture cap = new LiveCapture(source, options, capture.limits(), store, t -> { }, null)) {
            cap.onTick(s -> {
                store.frames(s.frames());
                store.dropped(s.drops());
            });
            show(store, new Tui.Options(color(), output.showSecrets(), filter, true), "mqttsniff-live", () -> {
                try {
                    cap.run();
                    Stats s = cap.stats();
                    store.frames(s.frames());
                    store.dropped(s.drops());
                    store.end(source.warnings().isEmpty() ? null : String.join("; ", source.warnings()));
                } catch (IOException | RuntimeException e) {
                    store.end("capture stopped: " + e.getMessage());
                }
            }, cap::stop);
            cap.close(); // the final counts are read as the handle closes
            String error = store.status().error();
            if (error != null) {
                err.println(Main.NAME + ": " + error);
            }
            LiveCapture.printSummary(cap, err);
        } catch (IOException e) {
            throw new CliException(ExitCodes.CAPTURE_UNAVAILABLE, "cannot close the capture: " + e.getMessage());
        }
        err.flush();
        return ExitCodes.OK;
    }

    /**
     * {@code mqttsniff proxy} in the terminal UI: the proxy's pipeline thread feeds the store, the
     * relay's own messages (an unreachable broker, a refused client) go to the store's warnings.
     *
     * @param start starts the relay with the store as its sink and its messages' consumer, and
     *              returns what stops it
     */
    static int proxy(String label, PrintWriter err, Tui.Options options, ProxyStart start) {
        try (PacketStore store = new PacketStore(label, LIVE_ROWS, spoolDir())) {
            Runnable stop = start.start(store, store::warning);
            show(store, options, null, null, stop);
            String error = store.status().error();
            if (error != null) {
                err.println(Main.NAME + ": " + error);
            }
        }
        err.flush();
        return ExitCodes.OK;
    }

    /** How the proxy is started for the UI: events into the feed, its messages as warnings; returns its stop. */
    interface ProxyStart {
        Runnable start(Feed feed, java.util.function.Consumer<String> messages);
    }

    /**
     * The UI on this thread, over {@code store}, until the user quits; {@code work} (the source) on a
     * thread of its own meanwhile; {@code stop} asks the source to stop when the UI has quit (or the
     * terminal could not be used), and the thread is given two seconds to finish.
     *
     * <p>The source starts before the terminal is set up: setting it up is mostly waiting (a shell
     * and {@code stty} started, the terminal asked for its size) and loading Lanterna, which the
     * other core can spend reading the first rows. A file's loader stops after a screenful until the
     * UI has drawn it, so it does not compete with the first screen for long.
     */
    private static void show(PacketStore store, Tui.Options options, String threadName, Runnable work,
                             Runnable stop) {
        Terminal terminal = null;
        Thread worker = null;
        try {
            if (work != null) {
                worker = new Thread(work, threadName);
                worker.setDaemon(true);
                worker.start();
            }
            // Ctrl-C comes as a key and quits like q (exit 0); Lanterna's default exits with 1
            terminal = File.separatorChar == '/'
                    ? new QuickTerminal(System.in, new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8)
                    : new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
                            .setForceTextTerminal(true)
                            .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                            .createTerminal();
            TerminalSize size = terminal.getTerminalSize();
            if (size.getColumns() < Tui.MIN_COLUMNS || size.getRows() < Tui.MIN_ROWS) {
                throw new CliException(ExitCodes.USAGE, "-T tui: " + tooSmall(size));
            }
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            try {
                new Tui(screen, store, options).run();
            } finally {
                store.stop();
                stop.run();
                screen.stopScreen();
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "-T tui: cannot use the terminal: " + e.getMessage());
        } finally {
            if (!store.stopped()) { // the terminal failed before the UI ran
                store.stop();
                stop.run();
            }
            if (worker != null) {
                try {
                    worker.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (IOException e) {
                    // the terminal is going away with the process anyway
                }
            }
        }
    }

    static String tooSmall(TerminalSize size) {
        return "the terminal is " + size.getColumns() + "x" + size.getRows() + ", the UI needs at least "
                + Tui.MIN_COLUMNS + "x" + Tui.MIN_ROWS + " (or use -T text)";
    }

    /** https://no-color.org: any non-empty NO_COLOR turns colour off. */
    static boolean color() {
        String v = System.getenv("NO_COLOR");
        return v == null || v.isEmpty();
    }

    static Path spoolDir() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    static FrameSource open(Path file) {
        try {
            return CaptureFiles.open(file);
        } catch (CaptureFileException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The loader thread's work: every frame through the pipeline into the feed, with progress, until the end or the UI quits. */
    static void load(FrameSource source, SessionOptions options, CaptureOptions capture, Feed feed) {
        try {
            Pipeline pipeline = new Pipeline(options, capture.limits(), feed);
            RawFrame f;
            long n = 0;
            while (!feed.stopped() && (f = source.next()) != null) {
                pipeline.frame(f);
                if (++n == FIRST_SCREEN_FRAMES) {
                    feed.frames(n);
                    feed.progress(source.progress());
                    if (feed instanceof PacketStore store) {
                        store.awaitFirstScreen(1000);
                    }
                }
                if (n % REPORT_EVERY == 0) {
                    feed.frames(n);
                    feed.progress(source.progress());
                }
            }
            if (feed.stopped()) {
                return;
            }
            pipeline.finish();
            feed.frames(n);
            feed.progress(1);
            source.warnings().forEach(feed::warning);
            pipeline.notes().forEach(feed::warning);
            feed.end(null);
        } catch (IOException e) {
            feed.end("cannot read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the UI must not die with the loader: it shows what was read and why reading stopped
            feed.end("internal error while reading: " + e);
        }
    }

    private static void closeQuietly(FrameSource s) {
        try {
            s.close();
        } catch (IOException e) {
            // read-only file: nothing to lose
        }
    }
}
