package org.mqttsniff.filter;

import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;
import java.util.function.Predicate;

import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.session.SnifferEvent;

/**
 * A name the filter language knows and how to read it from an event. An event that does not have
 * the field gives no value, so every comparison on it is false. A field may have several values
 * (the filters of a SUBSCRIBE, the warnings of a packet): a comparison holds when one of them does.
 *
 * @param values for enum-like text fields, the accepted literals (lower case) and the value each
 *               stands for; empty for free text
 * @param topic  {@code ~} (topic filter match) applies
 */
record Field(String name, Kind kind, Numbers numbers, Texts texts, Bool bool, Bytes bytes,
             Map<String, String> values, boolean topic) {

    enum Kind {
        NUMBER("a number"), TEXT("text"), BOOL("true or false"), PAYLOAD("bytes");

        final String what;

        Kind(String what) {
            this.what = what;
        }
    }

    /** Calls {@code test} on each value until one passes; false when there are none. */
    interface Numbers {
        boolean any(SnifferEvent e, DoublePredicate test);
    }

    interface Texts {
        boolean any(SnifferEvent e, Predicate<String> test);
    }

    /** 1 true, 0 false, -1 when the event has no such field. */
    interface Bool {
        int get(SnifferEvent e);
    }

    /** null when the event has no such field. */
    interface Bytes {
        ByteSlice get(SnifferEvent e);
    }

    static Field number(String name, Numbers n) {
        return new Field(name, Kind.NUMBER, n, null, null, null, Map.of(), false);
    }

    static Field text(String name, Texts t) {
        return new Field(name, Kind.TEXT, null, t, null, null, Map.of(), false);
    }

    static Field topic(String name, Texts t) {
        return new Field(name, Kind.TEXT, null, t, null, null, Map.of(), true);
    }

    static Field choice(String name, Map<String, String> values, Texts t) {
        return new Field(name, Kind.TEXT, null, t, null, null, values, false);
    }

    static Field bool(String name, Bool b) {
        return new Field(name, Kind.BOOL, null, null, b, null, Map.of(), false);
    }

    static Field payload(String name, Bytes b) {
        return new Field(name, Kind.PAYLOAD, null, null, null, b, Map.of(), false);
    }

    /** Does the event have this field at all? */
    boolean present(SnifferEvent e) {
        return switch (kind) {
            case NUMBER -> numbers.any(e, v -> true);
            case TEXT -> texts.any(e, v -> true);
            case BOOL -> bool.get(e) >= 0;
            case PAYLOAD -> bytes.get(e) != null;
        };
    }

    List<String> valueNames() {
        return values.values().stream().distinct().sorted().toList();
    }
}
