package org.mqttsniff.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

import org.mqttsniff.capture.file.CaptureFiles;
import org.mqttsniff.net.FrameSource;
import org.mqttsniff.net.RawFrame;
import org.mqttsniff.session.Pipeline;
import org.mqttsniff.session.SessionOptions;
import org.mqttsniff.tcp.AssemblerLimits;
import org.mqttsniff.tui.PacketStore;
import org.mqttsniff.tui.Tui;

/**
 * The terminal UI on a capture without a terminal: the file is loaded as {@code -r} does (a
 * loader thread that lets the first screen go first), the UI runs on Lanterna's virtual terminal
 * at 160x45, and this prints how long after opening the file the first rows were drawn (wall and
 * process CPU time, which a shared machine disturbs less), how long the whole file took, and the
 * heap used after a full GC once it is loaded; then how long the flows view takes to open the
 * ladder of the last packet's connection and page up in it.
 *
 * <p>Usage: {@code TuiFirstScreen FILE}
 */
public final class TuiFirstScreen {
    private TuiFirstScreen() {
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        long cpu0 = cpu();
        FrameSource src = CaptureFiles.open(Path.of(args[0]));
        try (PacketStore store = new PacketStore("file", Long.MAX_VALUE, Path.of(System.getProperty("java.io.tmpdir")))) {
            Thread loader = new Thread(() -> {
                try {
                    Pipeline p = new Pipeline(SessionOptions.defaults(), AssemblerLimits.defaults(), store);
                    RawFrame f;
                    long n = 0;
                    while ((f = src.next()) != null) {
                        p.frame(f);
                        if (++n == 1024) {
                            store.frames(n);
                            store.awaitFirstScreen(1000);
                        }
                    }
                    p.finish();
                    store.frames(n);
                    store.end(null);
                } catch (Exception e) {
                    store.end(e.toString());
                }
            });
            loader.start();
            DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(160, 45));
            TerminalScreen screen = new TerminalScreen(vt);
            screen.startScreen();
            Tui tui = new Tui(screen, store, new Tui.Options(true, false, "", false));
            long t1 = 0;
            long cpu1 = 0;
            while (true) {
                tui.tick(System.nanoTime());
                tui.draw();
                // the frame number of the first row, right-aligned in columns 0-6 of line 2
                if (t1 == 0 && Character.isDigit(vt.getCharacter(6, 2).getCharacterString().charAt(0))) {
                    t1 = System.nanoTime();
                    cpu1 = cpu();
                }
                if (t1 != 0 && store.status().ended()) {
                    break;
                }
                Thread.sleep(15);
            }
            long t2 = System.nanoTime();
            System.gc();
            Runtime rt = Runtime.getRuntime();
            System.out.printf("%s: first rows %.0f ms after opening (process CPU %.0f ms); loaded in %.1f s; %,d rows;"
                            + " heap used after GC %,d MB%n", args[0], (t1 - t0) / 1e6, (cpu1 - cpu0) / 1e6,
                    (t2 - t0) / 1e9, store.size(), (rt.totalMemory() - rt.freeMemory()) >> 20);
            // the flows view on the loaded file: the last packet's ladder (key 2), a page up, drawn; twice,
            // since the first time loads and compiles the view's classes
            tui.handle(new KeyStroke(KeyType.End));
            tui.draw();
            for (int round = 1; round <= 2; round++) {
                long t3 = System.nanoTime();
                tui.handle(new KeyStroke('2', false, false));
                tui.draw();
                long t4 = System.nanoTime();
                tui.handle(new KeyStroke(KeyType.PageUp));
                tui.draw();
                long t5 = System.nanoTime();
                System.out.printf("%s: ladder of the last packet's connection (%s) drawn in %.1f ms, a page up in %.1f"
                        + " ms%n", args[0], round == 1 ? "first time" : "again", (t4 - t3) / 1e6, (t5 - t4) / 1e6);
                tui.handle(new KeyStroke('1', false, false));
                tui.draw();
                long t6 = System.nanoTime();
                tui.handle(new KeyStroke(KeyType.PageUp));
                tui.draw();
                System.out.printf("%s: for comparison, a page up in the packets view %.1f ms%n", args[0],
                        (System.nanoTime() - t6) / 1e6);
            }
        } finally {
            src.close();
        }
    }
}
