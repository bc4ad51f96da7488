package org.mqttsniff.tui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqttsniff.tui.VirtualScreen.key;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.session.Direction;

/** When the UI's loop draws: rows pouring in at most once a tick, a key or a resize at once, an idle screen never. */
class TuiRedrawTest {
    private static final long T0 = 1_000_000_000L;
    @TempDir
    Path dir;
    private PacketStore store;
    private VirtualScreen vs;
    private Tui tui;
    private final AtomicInteger screens = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        store = new PacketStore("live test", 100_000, dir);
        Events.session(store, 10);
        vs = new VirtualScreen(80, 24);
        vs.terminal.addVirtualTerminalListener(new VirtualTerminalListener() {
            @Override
            public void onFlush() {
                screens.incrementAndGet();
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
        tui = new Tui(vs.screen, store, new Tui.Options(true, false, "", true));
        tui.tick(T0);
        tui.draw();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void arrives(long frame, String topic) {
        store.accept(Events.packet(frame, 0, Direction.C2S, new Publish(0, topic, 0, ByteSlice.utf8("x")), "sensor-1"));
    }

    /** The list's row in the selection's colours. */
    private String selectedRow() {
        for (int y = 2; y < vs.lineOf("── Details"); y++) {
            if (vs.at(2, y).getBackgroundColor() == TextColor.ANSI.BLUE) {
                return vs.lines().get(y);
            }
        }
        return "";
    }

    @Test
    void follow_mode_shows_a_new_row_at_the_next_tick_not_before() throws Exception {
        arrives(500, "late/one");
        int before = screens.get();
        assertThat(tui.step(T0 + Tui.TICK_NANOS / 2)).isFalse();
        assertThat(vs.text()).doesNotContain("late/one");
        assertThat(screens.get()).isEqualTo(before);

        assertThat(tui.step(T0 + Tui.TICK_NANOS)).isTrue();
        assertThat(selectedRow()).contains("500").contains("late/one");
        assertThat(vs.lines().get(23)).contains("FOLLOW");
        assertThat(screens.get()).isEqualTo(before + 1);
    }

    @Test
    void many_rows_within_a_tick_make_one_screen_with_the_newest_selected() throws Exception {
        tui.step(T0 + Tui.TICK_NANOS);
        int before = screens.get();
        for (int i = 0; i < 5000; i++) {
            arrives(1000 + i, "burst/" + i);
            tui.step(T0 + Tui.TICK_NANOS + 1 + i * (Tui.TICK_NANOS / 5000 - 1));
        }
        assertThat(screens.get()).isEqualTo(before);
        assertThat(tui.step(T0 + 2 * Tui.TICK_NANOS)).isTrue();
        assertThat(screens.get()).isEqualTo(before + 1);
        assertThat(selectedRow()).contains("5999").contains("burst/4999");
    }

    @Test
    void a_key_is_drawn_at_once_between_ticks() throws Exception {
        arrives(500, "late/one");
        tui.step(T0 + Tui.TICK_NANOS);
        vs.terminal.addInput(key(KeyType.ArrowUp));
        assertThat(tui.step(T0 + Tui.TICK_NANOS + 1_000_000)).isTrue();
        assertThat(selectedRow()).isNotEmpty().doesNotContain("late/one");
        assertThat(vs.lines().get(23)).doesNotContain("FOLLOW"); // moving up leaves follow mode
    }

    @Test
    void an_idle_screen_is_not_redrawn_and_a_resize_is_at_once() throws Exception {
        tui.step(T0 + Tui.TICK_NANOS);
        int before = screens.get();
        assertThat(tui.step(T0 + 2 * Tui.TICK_NANOS)).isFalse();
        assertThat(tui.step(T0 + 3 * Tui.TICK_NANOS)).isFalse();
        assertThat(screens.get()).isEqualTo(before);

        vs.terminal.setTerminalSize(new TerminalSize(100, 30));
        assertThat(tui.step(T0 + 3 * Tui.TICK_NANOS + 1)).isTrue();
        assertThat(vs.lines()).hasSize(30);
        assertThat(vs.lines().get(29)).contains("live test");
    }
}
