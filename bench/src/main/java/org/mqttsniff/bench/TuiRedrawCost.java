package org.mqttsniff.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.cli.BenchTerminals;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.MqttEncoder;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PacketDecoder;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.tui.PacketStore;
import org.mqttsniff.tui.Tui;

/**
 * What the terminal UI's thread costs while rows pour in, without a terminal: a feeder thread adds
 * events to a live {@link PacketStore} at a fixed rate (QoS 1 PUBLISH and its PUBACK, on 8
 * connections, as {@code QosOneFlood} makes them), the UI runs in follow mode on Lanterna's
 * virtual terminal, and after a warm-up this prints the UI thread's CPU time per second
 * (ThreadMXBean), the screens it flushed per second, and the feeder's CPU for comparison. The UI
 * thread's CPU includes moving the pending events into the store at each tick (the store's
 * batches), which is the same whatever the drawing costs.
 *
 * <p>With {@code tty} as the third argument, the UI draws instead on the terminal the command runs
 * in, set up as {@code mqttsniff -r} does, and the result goes to stderr: run it in tmux, so the
 * cost of writing to a real terminal is counted too ({@code bench/tui-redraw-bench.sh}).
 *
 * <p>Usage: {@code TuiRedrawCost [EVENTS_PER_SECOND [SECONDS [tty | COLUMNS ROWS]]]}, default 20000
 * 10 160 45.
 */
public final class TuiRedrawCost {
    private static final Endpoint BROKER = new Endpoint(ByteSlice.wrap(new byte[] {127, 0, 0, 1}), 1883);

    private TuiRedrawCost() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        boolean tty = args.length > 2 && args[2].equals("tty");
        int columns = args.length > 3 ? Integer.parseInt(args[2]) : 160;
        int rows = args.length > 3 ? Integer.parseInt(args[3]) : 45;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try (PacketStore store = new PacketStore("live bench", 200_000, Path.of(System.getProperty("java.io.tmpdir")))) {
            AtomicLong fed = new AtomicLong();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread feeder = new Thread(() -> feed(store, rate, fed, running), "feeder");
            feeder.setDaemon(true);
            AtomicLong flushes = new AtomicLong();
            Terminal terminal = tty ? counting(BenchTerminals.own(), flushes) : virtual(columns, rows, flushes);
            TerminalScreen screen = new TerminalScreen(terminal);
            screen.startScreen();
            Tui tui = new Tui(screen, store, new Tui.Options(true, false, "", true));
            Throwable[] failed = new Throwable[1];
            Thread ui = new Thread(() -> {
                try {
                    tui.run();
                } catch (Throwable e) {
                    failed[0] = e;
                }
            }, "ui");
            feeder.start();
            ui.start();
            Thread.sleep(3000); // warm-up: JIT, the store's first chunks
            long cpu0 = mx.getThreadCpuTime(ui.getId());
            long feedCpu0 = mx.getThreadCpuTime(feeder.getId());
            long fed0 = fed.get();
            long flushes0 = flushes.get();
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            long wall = System.nanoTime() - t0;
            long cpu = mx.getThreadCpuTime(ui.getId()) - cpu0;
            long feedCpu = mx.getThreadCpuTime(feeder.getId()) - feedCpu0;
            long events = fed.get() - fed0;
            long screens = flushes.get() - flushes0;
            running.set(false);
            feeder.join();
            tui.handle(new KeyStroke(KeyType.EOF)); // quits at its next pass
            ui.join(5000);
            screen.stopScreen();
            terminal.close();
            if (failed[0] != null) {
                throw new IllegalStateException("the UI failed", failed[0]);
            }
            double secs = wall / 1e9;
            (tty ? System.err : System.out).printf("%s, %,d events/s asked, %,.0f/s fed: UI thread %.1f ms CPU/s"
                            + " (%.1f%% of a core), %.1f screens/s, %.2f ms a screen; feeder %.1f ms CPU/s; %,d rows"
                            + " kept%n", tty ? "terminal " + screen.getTerminalSize() : columns + "x" + rows, rate,
                    events / secs, cpu / 1e6 / secs, cpu / 1e7 / secs, screens / secs,
                    screens == 0 ? 0 : cpu / 1e6 / screens, feedCpu / 1e6 / secs, store.status().rows());
        }
    }

    private static Terminal virtual(int columns, int rows, AtomicLong flushes) {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        vt.addVirtualTerminalListener(new VirtualTerminalListener() {
            @Override
            public void onFlush() {
                flushes.incrementAndGet();
            }

            @Override
            public void onBell() {
            }

            @Override
            public void onClose() {
            }

            @Override
            public void onResized(Terminal terminal, TerminalSize size) {
            }
        });
        return vt;
    }

    /** {@code terminal} with every interface it has, counting its flushes (one a screen). */
    private static Terminal counting(Terminal terminal, AtomicLong flushes) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = terminal.getClass(); c != null; c = c.getSuperclass()) {
            interfaces.addAll(List.of(c.getInterfaces()));
        }
        return (Terminal) Proxy.newProxyInstance(Terminal.class.getClassLoader(), interfaces.toArray(new Class<?>[0]),
                (proxy, method, arguments) -> {
                    if (method.getName().equals("flush")) {
                        flushes.incrementAndGet();
                    }
                    try {
                        return method.invoke(terminal, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Events at {@code rate} a second, a millisecond's worth at a time, while {@code running}. */
    private static void feed(PacketStore store, int rate, AtomicLong fed, AtomicBoolean running) {
        int connections = 8;
        Endpoint[] clients = new Endpoint[connections];
        for (int c = 0; c < connections; c++) {
            clients[c] = new Endpoint(ByteSlice.wrap(new byte[] {127, 0, 0, 1}), 40_000 + c);
        }
        long start = System.nanoTime();
        long frame = 0;
        int id = 0;
        while (running.get()) {
            long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
            if (frame >= due) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            while (frame < due) {
                int c = (int) (frame / 2 % connections);
                long time = 1_700_000_000_000_000_000L + frame * 50_000L;
                id = id % 65_535 + 1;
                if ((frame & 1) == 0) {
                    store.accept(packet(frame, time, c, clients[c], Direction.C2S,
                            new Publish(1, "flood/" + c, id, ByteSlice.utf8("{\"n\":" + frame + "}"))));
                } else {
                    store.accept(packet(frame, time, c, clients[c], Direction.S2C, new PubAck(id)));
                }
                frame++;
            }
            fed.set(frame);
        }
    }

    private static SnifferEvent.Packet packet(long frame, long time, int stream, Endpoint client, Direction dir,
                                              MqttPacket p) {
        DecodeResult r = PacketDecoder.decode(ByteSlice.wrap(MqttEncoder.encode(p, MqttVersion.V3_1_1)),
                MqttVersion.V3_1_1);
        String topic = p instanceof Publish pub ? pub.topic() : "";
        boolean c2s = dir == Direction.C2S;
        return new SnifferEvent.Packet(frame, time, stream, c2s ? client : BROKER, c2s ? BROKER : client, dir, r,
                topic, OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), "flood-" + stream, List.of());
    }
}
