package org.mqttsniff.tui;

import java.util.List;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/** Every key binding, in one table: the key handler and the help screen both read it. */
final class Keys {
    private Keys() {
    }

    enum Action {
        UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END, NEXT_PANE, PREVIOUS_PANE, FILTER, CLEAR_FILTER, FIND, FIND_NEXT,
        FIND_PREVIOUS, FOLLOW, PAUSE, PACKETS, FLOWS, TOPICS, CLIENTS, STATS, OPEN, BACK, COLLAPSE, EXPAND, HELP, QUIT
    }

    record Binding(String keys, String help, Action action, KeyType type, char ch) {
        boolean matches(KeyStroke k) {
            if (k.getKeyType() != type) {
                return false;
            }
            return type != KeyType.Character || (k.getCharacter() == ch && !k.isCtrlDown() && !k.isAltDown());
        }
    }

    private static Binding key(String keys, String help, Action a, KeyType t) {
        return new Binding(keys, help, a, t, '\0');
    }

    private static Binding ch(String keys, String help, Action a, char c) {
        return new Binding(keys, help, a, KeyType.Character, c);
    }

    /** Several rows can share an action (arrow and vim key); the help shows the first row's text. */
    static final List<Binding> TABLE = List.of(
            key("↑ k", "previous packet (or field, in the details pane)", Action.UP, KeyType.ArrowUp),
            ch("", "", Action.UP, 'k'),
            key("↓ j", "next packet (or field)", Action.DOWN, KeyType.ArrowDown),
            ch("", "", Action.DOWN, 'j'),
            key("PgUp PgDn", "a page up / down", Action.PAGE_UP, KeyType.PageUp),
            key("", "", Action.PAGE_DOWN, KeyType.PageDown),
            key("Home g", "first packet", Action.HOME, KeyType.Home),
            ch("", "", Action.HOME, 'g'),
            key("End G", "last packet", Action.END, KeyType.End),
            ch("", "", Action.END, 'G'),
            key("Tab", "next pane: list, details, hex (Shift-Tab: back)", Action.NEXT_PANE, KeyType.Tab),
            key("", "", Action.PREVIOUS_PANE, KeyType.ReverseTab),
            ch("/", "display filter, same language as -Y (Enter applies)", Action.FILTER, '/'),
            key("Esc Bksp", "clear the filter; in a ladder: back to the connections", Action.CLEAR_FILTER,
                    KeyType.Escape),
            key("", "", Action.BACK, KeyType.Backspace),
            ch("f", "find text in the list", Action.FIND, 'f'),
            ch("n N", "next / previous match", Action.FIND_NEXT, 'n'),
            ch("", "", Action.FIND_PREVIOUS, 'N'),
            ch("F", "follow: keep the newest packet selected", Action.FOLLOW, 'F'),
            ch("space", "pause: stop showing new packets (they are still read)", Action.PAUSE, ' '),
            // one help line for the views: the help box must fit 80x24
            ch("1 2 3 4 5", "views: packets, flows (ladder), topics, clients, stats", Action.PACKETS, '1'),
            ch("", "", Action.FLOWS, '2'),
            ch("", "", Action.TOPICS, '3'),
            ch("", "", Action.CLIENTS, '4'),
            ch("", "", Action.STATS, '5'),
            key("Enter", "topics, clients: its packets; flows: ladder, then packet", Action.OPEN, KeyType.Enter),
            key("← →", "topics: close / open a level", Action.COLLAPSE, KeyType.ArrowLeft),
            key("", "", Action.EXPAND, KeyType.ArrowRight),
            ch("?", "this help", Action.HELP, '?'),
            ch("q", "quit", Action.QUIT, 'q'));

    static Action actionOf(KeyStroke k) {
        for (Binding b : TABLE) {
            if (b.matches(k)) {
                return b.action();
            }
        }
        return null;
    }
}
