package org.mqttsniff.cli;

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
import org.mqttsniff.cli.options.CaptureOptions;
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
 * pipeline into the UI's {@link PacketStore} while this thread runs the UI. Live capture and the
 * proxy wire their own thread to a {@link Feed} the same way ({@link #load} shows the calls).
 */
final class TuiRunner {
    /** Frames between progress reports: often enough for a smooth bar, rare enough to cost nothing. */
    private static final int REPORT_EVERY = 4096;
    /** Frames read before the loader lets the UI draw its first screen: more than a screenful of rows. */
    private static final int FIRST_SCREEN_FRAMES = 1024;

    private TuiRunner() {
    }

    static int run(Path file, CaptureOptions capture, ProtocolOptions protocol, OutputOptions output,
                   PrintWriter err) {
        String filter = capture.displayFilter().text(); // a bad -Y: one line, before anything opens
        SessionOptions options = protocol.sessionOptions(capture.mqttPort());
        FrameSource source = open(file);
        Terminal terminal = null;
        try (PacketStore store = new PacketStore("file " + file.getFileName(), Long.MAX_VALUE, spoolDir())) {
            terminal = new DefaultTerminalFactory(System.out, System.in, StandardCharsets.UTF_8)
                    .setForceTextTerminal(true)
                    // Ctrl-C comes as a key and quits like q (exit 0); Lanterna's default exits with 1
                    .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP)
                    .createTerminal();
            TerminalSize size = terminal.getTerminalSize();
            if (size.getColumns() < Tui.MIN_COLUMNS || size.getRows() < Tui.MIN_ROWS) {
                throw new CliException(ExitCodes.USAGE, "-T tui: " + tooSmall(size));
            }
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            // after the screen is set up, so loading does not slow the way to the first screen
            Thread loader = new Thread(() -> load(source, options, capture, store), "mqttsniff-loader");
            loader.setDaemon(true);
            loader.start();
            try {
                new Tui(screen, store, new Tui.Options(color(), output.showSecrets(), filter, false)).run();
            } finally {
                store.stop();
                screen.stopScreen();
            }
            loader.join(2000);
            PacketStore.Status s = store.status();
            if (s.error() != null) {
                err.println(Main.NAME + ": " + s.error());
            }
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, "-T tui: cannot use the terminal: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(source);
            if (terminal != null) {
                try {
                    terminal.close();
                } catch (IOException e) {
                    // the terminal is going away with the process anyway
                }
            }
        }
        err.flush();
        return ExitCodes.OK;
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
