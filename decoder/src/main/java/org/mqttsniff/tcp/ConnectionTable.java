package org.mqttsniff.tcp;

import java.util.ArrayList;
import java.util.List;

import org.mqttsniff.net.Endpoint;

/**
 * The assembler's connections by unordered 4-tuple, least recently active first: what an
 * access-ordered {@code LinkedHashMap<Key, TcpConnection>} gave, without a map entry and a key
 * object per connection, and without hashing a key object per segment.
 *
 * <p>Open addressing with linear probing over a power-of-two array, at most half full; removal
 * shifts the following entries back, so there are no tombstones. The recency order is a list
 * threaded through the connections themselves ({@link TcpConnection#older}, {@link TcpConnection#newer}):
 * {@link #find} moves the connection found to the newest end, as an access-ordered map's get does.
 */
final class ConnectionTable {
    private TcpConnection[] slots = new TcpConnection[64];
    private int size;
    /** Least recently active: the next to go when the table is full or connections idle. */
    private TcpConnection eldest;
    private TcpConnection newest;

    int size() {
        return size;
    }

    TcpConnection eldest() {
        return eldest;
    }

    /** The connection between these two endpoints, either way round, made the most recently active; or null. */
    TcpConnection find(Endpoint a, Endpoint b) {
        int mask = slots.length - 1;
        for (int i = spread(hash(a, b)) & mask; ; i = (i + 1) & mask) {
            TcpConnection c = slots[i];
            if (c == null) {
                return null;
            }
            if (matches(c, a, b)) {
                touch(c);
                return c;
            }
        }
    }

    /** Adds a connection whose endpoints are not in the table, as the most recently active. */
    void add(TcpConnection c) {
        if (2 * (size + 1) > slots.length) {
            grow();
        }
        insert(slots, c);
        size++;
        c.older = newest;
        c.newer = null;
        if (newest == null) {
            eldest = c;
        } else {
            newest.newer = c;
        }
        newest = c;
    }

    /** Removes a connection that is in the table. */
    void remove(TcpConnection c) {
        int mask = slots.length - 1;
        int i = spread(hash(c.client(), c.server())) & mask;
        while (slots[i] != c) {
            i = (i + 1) & mask;
        }
        slots[i] = null;
        // backward shift: move up each following entry whose home slot is not between the hole and it
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int home = spread(hash(slots[j].client(), slots[j].server())) & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                slots[i] = slots[j];
                slots[j] = null;
                i = j;
            }
        }
        size--;
        unlink(c);
    }

    /** Every connection, least recently active first. */
    List<TcpConnection> inAge() {
        List<TcpConnection> all = new ArrayList<>(size);
        for (TcpConnection c = eldest; c != null; c = c.newer) {
            all.add(c);
        }
        return all;
    }

    void clear() {
        slots = new TcpConnection[64];
        size = 0;
        eldest = null;
        newest = null;
    }

    private void touch(TcpConnection c) {
        if (c == newest) {
            return;
        }
        unlink(c);
        c.older = newest;
        c.newer = null;
        newest.newer = c;
        newest = c;
    }

    private void unlink(TcpConnection c) {
        if (c.older == null) {
            eldest = c.newer;
        } else {
            c.older.newer = c.newer;
        }
        if (c.newer == null) {
            newest = c.older;
        } else {
            c.newer.older = c.older;
        }
        c.older = null;
        c.newer = null;
    }

    private void grow() {
        TcpConnection[] bigger = new TcpConnection[slots.length * 2];
        for (TcpConnection c : slots) {
            if (c != null) {
                insert(bigger, c);
            }
        }
        slots = bigger;
    }

    private static void insert(TcpConnection[] table, TcpConnection c) {
        int mask = table.length - 1;
        int i = spread(hash(c.client(), c.server())) & mask;
        while (table[i] != null) {
            i = (i + 1) & mask;
        }
        table[i] = c;
    }

    private static boolean matches(TcpConnection c, Endpoint a, Endpoint b) {
        Endpoint client = c.client();
        Endpoint server = c.server();
        // identity first: the parser's endpoint cache hands out the same instances for a connection
        if (client == a && server == b || client == b && server == a) {
            return true;
        }
        return client.equals(a) && server.equals(b) || client.equals(b) && server.equals(a);
    }

    /** Symmetric, so either direction of a connection finds it. */
    private static int hash(Endpoint a, Endpoint b) {
        return a.hashCode() + b.hashCode();
    }

    private static int spread(int h) {
        return (h ^ (h >>> 16)) * 0x85EBCA6B >>> 7;
    }
}
