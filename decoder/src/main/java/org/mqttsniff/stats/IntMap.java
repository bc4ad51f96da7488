package org.mqttsniff.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Values by int key (connections by stream) without boxing the key on every lookup: open
 * addressing with linear probing. No removal: the stats keep what they track until the end.
 */
final class IntMap<V> {
    private int[] keys = new int[64];
    private Object[] values = new Object[64];
    private int size;

    @SuppressWarnings("unchecked")
    V get(int key) {
        int mask = keys.length - 1;
        for (int i = mix(key) & mask; ; i = i + 1 & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
        }
    }

    /** Adds a key not yet in the map. */
    void put(int key, V value) {
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (values[i] != null) {
            i = i + 1 & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    List<V> values() {
        List<V> out = new ArrayList<>(size);
        for (Object v : values) {
            if (v != null) {
                out.add((V) v);
            }
        }
        return out;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                @SuppressWarnings("unchecked")
                V v = (V) oldValues[i];
                put(oldKeys[i], v);
            }
        }
    }

    /** Streams are numbered 0, 1, 2...: spread them so neighbours do not probe the same run. */
    private static int mix(int k) {
        return k * 0x9E3779B9 >>> 7;
    }
}
