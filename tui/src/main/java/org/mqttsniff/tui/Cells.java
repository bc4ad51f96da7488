package org.mqttsniff.tui;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;

/**
 * Text onto Lanterna's screen without Lanterna's per-character work where it is not needed.
 * {@code TextGraphics.putString} splits its string into grapheme clusters (a {@code BreakIterator}),
 * checks each for CJK and emoji and makes a new {@code TextCharacter} for every cell: most of what
 * a screen costs to draw. The UI's text is nearly all ASCII and a few single-width symbols (box
 * lines, arrows, blocks), so those cells come from a cache, one {@code TextCharacter} per character
 * and style, and anything else (a CJK client id, a combining mark, an emoji) goes the way Lanterna
 * does it. Used on the UI thread; the caches tolerate other threads (tests, benchmarks).
 */
final class Cells {
    /** Characters from here on are always Lanterna's (emoji, CJK, variation selectors...). */
    private static final int SIMPLE_BELOW = 0x2600;
    private static final byte UNKNOWN = 0;
    private static final byte SIMPLE = 1;
    private static final byte COMPLEX = 2;
    private static final byte[] KINDS = new byte[SIMPLE_BELOW];
    private static final Map<Style, Style> STYLES = new ConcurrentHashMap<>();

    private Cells() {
    }

    /** Writes {@code text} cut or padded to exactly {@code width} columns, so old content is overwritten. */
    static void put(TextGraphics g, int x, int y, int width, String text) {
        if (width <= 0) {
            return;
        }
        int n = Math.min(text.length(), width);
        for (int i = 0; i < n; i++) {
            if (!simple(text.charAt(i))) {
                String s = text.length() > width ? text.substring(0, width) : text;
                g.putString(x, y, s + " ".repeat(width - s.length()));
                return;
            }
        }
        Style style = style(g.getForegroundColor(), g.getBackgroundColor(), g.getActiveModifiers());
        for (int i = 0; i < width; i++) {
            g.setCharacter(x + i, y, style.cell(i < n ? text.charAt(i) : ' '));
        }
    }

    /** Whether Lanterna would give {@code c} one cell of its own, whatever comes next to it. */
    static boolean simple(char c) {
        if (c >= 0x20 && c < 0x7f) {
            return true;
        }
        if (c < 0xa0 || c >= SIMPLE_BELOW) {
            return false;
        }
        byte k = KINDS[c];
        if (k == UNKNOWN) {
            k = judge(c) ? SIMPLE : COMPLEX;
            KINDS[c] = k;
        }
        return k == SIMPLE;
    }

    private static boolean judge(char c) {
        switch (Character.getType(c)) {
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK,
                    Character.FORMAT, Character.CONTROL, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED -> {
                return false;
            }
            default -> {
                TextCharacter[] cells = TextCharacter.fromString(String.valueOf(c));
                return cells.length == 1 && !cells[0].isDoubleWidth();
            }
        }
    }

    private static Style style(TextColor fg, TextColor bg, EnumSet<SGR> modifiers) {
        Style probe = new Style(fg, bg, modifiers);
        Style s = STYLES.get(probe);
        if (s == null) {
            // the graphics' own set changes as it is used: the key keeps a copy
            s = STYLES.computeIfAbsent(new Style(fg, bg, EnumSet.copyOf(modifiers)), k -> k);
        }
        return s;
    }

    /** A colour and modifiers, and its cells: ASCII in an array, the other simple characters in a map. */
    private static final class Style {
        final TextColor fg;
        final TextColor bg;
        final EnumSet<SGR> modifiers;
        private final TextCharacter[] ascii = new TextCharacter[0x7f];
        private final Map<Character, TextCharacter> others = new ConcurrentHashMap<>();

        Style(TextColor fg, TextColor bg, EnumSet<SGR> modifiers) {
            this.fg = fg;
            this.bg = bg;
            this.modifiers = modifiers;
        }

        TextCharacter cell(char c) {
            if (c < ascii.length) {
                TextCharacter t = ascii[c];
                if (t == null) {
                    t = new TextCharacter(c, fg, bg, modifiers);
                    ascii[c] = t;
                }
                return t;
            }
            return others.computeIfAbsent(c, k -> new TextCharacter(k, fg, bg, modifiers));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Style s && s.fg.equals(fg) && s.bg.equals(bg) && s.modifiers.equals(modifiers);
        }

        @Override
        public int hashCode() {
            return (fg.hashCode() * 31 + bg.hashCode()) * 31 + modifiers.hashCode();
        }
    }
}
