package org.mqttsniff.mqtt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Builds the {@link Field} tree while a packet is decoded with explanations on. */
final class FieldRecorder {
    private static final class Group {
        final String name;
        final int offset;
        final String meaning;
        final List<Field> children = new ArrayList<>();

        Group(String name, int offset, String meaning) {
            this.name = name;
            this.offset = offset;
            this.meaning = meaning;
        }
    }

    private final Deque<Group> open = new ArrayDeque<>();
    private final List<Field> top = new ArrayList<>();

    void open(String name, int offset, String meaning) {
        open.push(new Group(name, offset, meaning));
    }

    void close(int end, String value) {
        Group g = open.pop();
        add(new Field(g.name, g.offset, end - g.offset, value, g.meaning, false, g.children));
    }

    void leaf(String name, int offset, int end, String value, String meaning, boolean secret) {
        add(new Field(name, offset, end - offset, value, meaning, secret, List.of()));
    }

    private void add(Field f) {
        (open.isEmpty() ? top : open.peek().children).add(f);
    }

    /** The tree so far; groups still open (the packet broke off inside them) are closed at {@code end}. */
    List<Field> finish(int end) {
        while (!open.isEmpty()) {
            close(end, "");
        }
        return List.copyOf(top);
    }
}
