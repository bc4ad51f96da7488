package org.mqttsniff.tui;

import java.util.List;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** Every key binding, in one table, and what each key does in each view (the help screen). */
final class Keys {
    private Keys() {
    }

    enum Action {
        UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END, NEXT_PANE, PREVIOUS_PANE, FILTER, CLEAR_FILTER, FIND, FIND_NEXT,
        FIND_PREVIOUS, FOLLOW, PAUSE, PACKETS, FLOWS, TOPICS, CLIENTS, STATS, OPEN, BACK, COLLAPSE, EXPAND, HELP, QUIT
    }

    record Binding(Action action, KeyType type, char ch) {
        boolean matches(KeyStroke k) {
            if (k.getKeyType() != type) {
                return false;
            }
            return type != KeyType.Character || (k.getCharacter() == ch && !k.isCtrlDown() && !k.isAltDown());
        }
    }

    private static Binding key(Action a, KeyType t) {
        return new Binding(a, t, '\0');
    }

    private static Binding ch(Action a, char c) {
        return new Binding(a, KeyType.Character, c);
    }

    /** Several keys can share an action (arrow and vim key). What they do in each view is in {@link #help}. */
    static final List<Binding> TABLE = List.of(
            key(Action.UP, KeyType.ArrowUp), ch(Action.UP, 'k'),
            key(Action.DOWN, KeyType.ArrowDown), ch(Action.DOWN, 'j'),
            key(Action.PAGE_UP, KeyType.PageUp), key(Action.PAGE_DOWN, KeyType.PageDown),
            key(Action.HOME, KeyType.Home), ch(Action.HOME, 'g'),
            key(Action.END, KeyType.End), ch(Action.END, 'G'),
            key(Action.NEXT_PANE, KeyType.Tab), key(Action.PREVIOUS_PANE, KeyType.ReverseTab),
            ch(Action.FILTER, '/'),
            key(Action.CLEAR_FILTER, KeyType.Escape), key(Action.BACK, KeyType.Backspace),
            ch(Action.FIND, 'f'), ch(Action.FIND_NEXT, 'n'), ch(Action.FIND_PREVIOUS, 'N'),
            ch(Action.FOLLOW, 'F'), ch(Action.PAUSE, ' '),
            ch(Action.PACKETS, '1'), ch(Action.FLOWS, '2'), ch(Action.TOPICS, '3'), ch(Action.CLIENTS, '4'),
            ch(Action.STATS, '5'),
            key(Action.OPEN, KeyType.Enter),
            key(Action.COLLAPSE, KeyType.ArrowLeft), key(Action.EXPAND, KeyType.ArrowRight),
            ch(Action.HELP, '?'),
            ch(Action.QUIT, 'q'));

    /** The help screens: one per view, the flows view's list and ladder apart. */
    enum Page {
        PACKETS("packets view"), CONNECTIONS("flows view, connections"), LADDER("flows view, a ladder"),
        TOPICS("topics view"), CLIENTS("clients view"), STATS("statistics view");

        final String title;

        Page(String title) {
            this.title = title;
        }
    }

    /** A line of a help screen: keys (at most 10 columns, so the box fits 80x24) and what they do there. */
    record Help(String keys, String text) {
    }

    private static final String FIND_NEXT = "next / previous match (past the end: from the top)";
    private static final String VIEWS = "views: packets, flows (ladder), topics, clients, stats";

    /** What each key does in a view, for the help screen ({@code ?}); the keys are those of {@link #TABLE}. */
    static List<Help> help(Page page) {
        List<Help> h = new java.util.ArrayList<>();
        switch (page) {
            case PACKETS -> {
                h.add(new Help("↑ ↓ k j", "previous / next packet (or field, in the details pane)"));
                h.add(new Help("PgUp PgDn", "a page up / down"));
                h.add(new Help("Home End", "first / last packet (g G too); ↑ PgUp Home stop follow"));
                h.add(new Help("Tab", "next pane: list, details, hex (Shift-Tab: back)"));
                h.add(new Help("Enter", "the details pane"));
                h.add(new Help("/", "display filter, same language as -Y (Enter applies)"));
                h.add(new Help("Esc", "clear the filter"));
                h.add(new Help("f", "find text in the list (connection, type, key fields)"));
                h.add(new Help("n N", FIND_NEXT));
                h.add(new Help("F", "follow: keep the newest packet selected"));
                h.add(new Help("space", "pause: stop showing new packets (they are still read)"));
            }
            case CONNECTIONS -> {
                h.add(new Help("↑ ↓ k j", "previous / next connection"));
                h.add(new Help("PgUp PgDn", "a page up / down"));
                h.add(new Help("Home End", "first / last connection (g G too); ↑ PgUp Home stop follow"));
                h.add(new Help("Enter", "the connection's ladder diagram"));
                h.add(new Help("f", "find text in the connections (client id, address...)"));
                h.add(new Help("n N", FIND_NEXT));
                h.add(new Help("F", "follow: keep the newest connection selected"));
                h.add(new Help("space", "pause: stop showing new connections"));
            }
            case LADDER -> {
                h.add(new Help("↑ ↓ k j", "previous / next row"));
                h.add(new Help("PgUp PgDn", "a page up / down"));
                h.add(new Help("Home End", "first / last row (g G too); ↑ PgUp Home stop follow"));
                h.add(new Help("Enter", "this packet in the packets view"));
                h.add(new Help("Esc Bksp", "back to the connections"));
                h.add(new Help("f", "find text in the ladder (type, key fields)"));
                h.add(new Help("n N", FIND_NEXT));
                h.add(new Help("F", "follow: keep the connection's newest row selected"));
                h.add(new Help("space", "pause: stop showing new rows (they are still read)"));
            }
            case TOPICS -> {
                h.add(new Help("↑ ↓ k j", "previous / next line"));
                h.add(new Help("PgUp PgDn", "a page up / down"));
                h.add(new Help("Home End", "first / last line (g G too)"));
                h.add(new Help("← →", "close / open a level (← on a closed one: its parent)"));
                h.add(new Help("Enter", "its packets: filter topic == \"a/b\" (a level: topic ~ \"a/#\")"));
                h.add(new Help("f", "find a topic or last payload, in closed levels too"));
                h.add(new Help("n N", FIND_NEXT));
            }
            case CLIENTS -> {
                h.add(new Help("↑ ↓ k j", "previous / next connection"));
                h.add(new Help("PgUp PgDn", "a page up / down"));
                h.add(new Help("Home End", "first / last connection (g G too)"));
                h.add(new Help("Enter", "its packets: filter stream == N"));
            }
            case STATS -> {
            }
        }
        h.add(new Help("1 2 3 4 5", VIEWS));
        h.add(new Help("?", "this help"));
        h.add(new Help("q", "quit"));
        return h;
    }

    static Action actionOf(KeyStroke k) {
        for (Binding b : TABLE) {
            if (b.matches(k)) {
                return b.action();
            }
        }
        return null;
    }
}
