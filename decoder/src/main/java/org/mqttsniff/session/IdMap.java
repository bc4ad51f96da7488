package org.mqttsniff.session;

/**
 * Values by MQTT packet identifier (0 to 65535) without boxing the key: open addressing with
 * linear probing, and removal by shifting later entries back (no tombstones), since flows come and
 * go all the time. Sized by the identifiers in use at once, like the HashMap it replaces.
 */
final class IdMap<V> {
    private int[] keys = new int[16];
    private Object[] values = new Object[16];
    private int size;

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(int key) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = i + 1 & mask) {
            Object v = values[i];
            if (v == null || keys[i] == key) {
                return (V) v;
            }
        }
    }

    /** Returns the value it replaces, or null. */
    @SuppressWarnings("unchecked")
    V put(int key, V value) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        for (; values[i] != null; i = i + 1 & mask) {
            if (keys[i] == key) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (2 * ++size > keys.length) {
            grow();
        }
        return null;
    }

    /** Returns the value removed, or null. */
    @SuppressWarnings("unchecked")
    V remove(int key) {
        int mask = keys.length - 1;
        int i = slot(key, mask);
        while (values[i] != null && keys[i] != key) {
            i = i + 1 & mask;
        }
        V old = (V) values[i];
        if (old == null) {
            return null;
        }
        size--;
        // Shift back every later entry of the run that probing from its own slot would no longer reach.
        int hole = i;
        for (int j = hole + 1 & mask; values[j] != null; j = j + 1 & mask) {
            int home = slot(keys[j], mask);
            if ((j - home & mask) >= (j - hole & mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        return old;
    }

    private void grow() {
        int[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        int mask = keys.length - 1;
        for (int k = 0; k < oldKeys.length; k++) {
            if (oldValues[k] != null) {
                int i = slot(oldKeys[k], mask);
                while (values[i] != null) {
                    i = i + 1 & mask;
                }
                keys[i] = oldKeys[k];
                values[i] = oldValues[k];
            }
        }
    }

    /** Clients count identifiers up one by one: spread them so neighbours do not probe the same run. */
    private static int slot(int key, int mask) {
        return (key * 0x9E3779B9 >>> 16) & mask;
    }
}
