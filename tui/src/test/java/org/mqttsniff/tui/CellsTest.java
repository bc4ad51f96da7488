package org.mqttsniff.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

import org.junit.jupiter.api.Test;

class CellsTest {
    private static final List<String> TEXTS = List.of(
            "  Frame       Time Connection   Type        Key fields",
            "    12   0.004021 sensor-1     → PUBLISH     q1 id=7 \"site/0/temp\" {\"t\":1}",
            "── Details (focus) ──────────── ← · … █▁▃ ▶◀ │ ┌┐└┘",
            "café, naïve, 25°C ±1, ÿ",
            "client 中文 id",            // double width: Lanterna's own way
            "e\u0301 combining",         // a combining mark joins the letter before it
            "emoji \uD83D\uDE00 here",   // a surrogate pair
            "",
            "a line longer than the twenty columns it is given");

    /** The cells a string makes, through Cells and through Lanterna's putString, on two screens. */
    @Test
    void cells_are_the_ones_lanterna_s_put_string_makes() {
        VirtualScreen fast = new VirtualScreen(80, 24);
        VirtualScreen lanterna = new VirtualScreen(80, 24);
        TextGraphics f = fast.screen.newTextGraphics();
        TextGraphics l = lanterna.screen.newTextGraphics();
        for (TextGraphics g : List.of(f, l)) {
            g.setForegroundColor(TextColor.ANSI.GREEN);
            g.setBackgroundColor(TextColor.ANSI.BLUE);
            g.enableModifiers(SGR.BOLD);
        }
        for (int i = 0; i < TEXTS.size(); i++) {
            int width = i == TEXTS.size() - 1 ? 20 : 70;
            String t = TEXTS.get(i);
            Cells.put(f, 2, i, width, t);
            String s = t.length() > width ? t.substring(0, width) : t;
            l.putString(2, i, s + " ".repeat(width - s.length()));
            if (i == 2) { // a second style on the same screen
                f.clearModifiers();
                l.clearModifiers();
                f.enableModifiers(SGR.REVERSE);
                l.enableModifiers(SGR.REVERSE);
            }
        }
        for (int y = 0; y < TEXTS.size(); y++) {
            for (int x = 0; x < 80; x++) {
                assertThat(fast.screen.getBackCharacter(x, y)).as("column %d of line %d", x, y)
                        .isEqualTo(lanterna.screen.getBackCharacter(x, y));
            }
        }
    }

    @Test
    void only_single_width_characters_that_stand_alone_are_simple() {
        assertThat(Cells.simple('a')).isTrue();
        assertThat(Cells.simple('é')).isTrue();
        assertThat(Cells.simple('─')).isTrue();
        assertThat(Cells.simple('→')).isTrue();
        assertThat(Cells.simple('中')).isFalse();
        assertThat(Cells.simple('\u0301')).isFalse(); // combining acute
        assertThat(Cells.simple('\u200d')).isFalse(); // zero-width joiner
        assertThat(Cells.simple('\t')).isFalse();
        assertThat(Cells.simple('\uD83D')).isFalse();
    }
}
