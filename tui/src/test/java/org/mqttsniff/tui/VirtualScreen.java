package org.mqttsniff.tui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;

/** A Lanterna virtual terminal with a screen on it, read back as lines of text. */
final class VirtualScreen {
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;

    VirtualScreen(int columns, int rows) {
        terminal = new DefaultVirtualTerminal(new TerminalSize(columns, rows));
        try {
            screen = new TerminalScreen(terminal);
            screen.startScreen();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> lines() {
        TerminalSize size = terminal.getTerminalSize();
        List<String> out = new ArrayList<>();
        for (int y = 0; y < size.getRows(); y++) {
            StringBuilder b = new StringBuilder();
            for (int x = 0; x < size.getColumns(); x++) {
                b.append(terminal.getCharacter(x, y).getCharacterString());
            }
            out.add(b.toString().stripTrailing());
        }
        return out;
    }

    String text() {
        return String.join("\n", lines());
    }

    TextCharacter at(int x, int y) {
        return terminal.getCharacter(x, y);
    }

    /** The first line containing {@code s}, or -1. */
    int lineOf(String s) {
        List<String> l = lines();
        for (int i = 0; i < l.size(); i++) {
            if (l.get(i).contains(s)) {
                return i;
            }
        }
        return -1;
    }

    static KeyStroke key(char c) {
        return new KeyStroke(c, false, false);
    }

    static KeyStroke key(KeyType t) {
        return new KeyStroke(t);
    }

    static void type(Tui tui, String s) {
        for (char c : s.toCharArray()) {
            tui.handle(key(c));
        }
    }
}
