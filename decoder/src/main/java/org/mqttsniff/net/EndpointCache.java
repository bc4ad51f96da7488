package org.mqttsniff.net;

import org.mqttsniff.bytes.ByteSlice;

/**
 * A direct-mapped cache of {@link Endpoint}s, so the segments of one connection share two Endpoint
 * instances instead of allocating two Endpoints and two address slices per frame.
 *
 * <p>It also keeps frames from being pinned in memory: a cached Endpoint owns a copy of its address,
 * where an Endpoint sliced out of the frame would keep the whole frame's array alive for as long as a
 * connection table holds it. A collision simply replaces the slot; nothing is ever evicted otherwise.
 */
final class EndpointCache {
    private static final int BITS = 10;
    private static final int SLOTS = 1 << BITS;

    /** IPv4: address << 16 | port, plus a bit that marks the slot used. */
    private final long[] v4Keys = new long[SLOTS];
    private final Endpoint[] v4 = new Endpoint[SLOTS];
    /** IPv6: four address words and the port per slot; the Endpoint being non-null marks the slot used. */
    private final int[] v6Keys = new int[5 * SLOTS];
    private final Endpoint[] v6 = new Endpoint[SLOTS];

    Endpoint get(ByteSlice data, int addressOffset, int addressLength, int port) {
        return addressLength == 4 ? v4(data, addressOffset, port) : v6(data, addressOffset, port);
    }

    private Endpoint v4(ByteSlice data, int off, int port) {
        long key = 1L << 48 | data.getU32(off) << 16 | port;
        int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - BITS));
        Endpoint e = v4[slot];
        if (e != null && v4Keys[slot] == key) {
            return e;
        }
        e = create(data, off, 4, port);
        v4Keys[slot] = key;
        v4[slot] = e;
        return e;
    }

    private Endpoint v6(ByteSlice data, int off, int port) {
        int a = data.getInt(off);
        int b = data.getInt(off + 4);
        int c = data.getInt(off + 8);
        int d = data.getInt(off + 12);
        int h = ((a * 31 + b) * 31 + c) * 31 + d;
        h = (h * 31 + port) * 0x9E3779B9;
        int slot = h >>> (32 - BITS);
        int k = 5 * slot;
        Endpoint e = v6[slot];
        if (e != null && v6Keys[k] == a && v6Keys[k + 1] == b && v6Keys[k + 2] == c && v6Keys[k + 3] == d
                && v6Keys[k + 4] == port) {
            return e;
        }
        e = create(data, off, 16, port);
        v6Keys[k] = a;
        v6Keys[k + 1] = b;
        v6Keys[k + 2] = c;
        v6Keys[k + 3] = d;
        v6Keys[k + 4] = port;
        v6[slot] = e;
        return e;
    }

    private static Endpoint create(ByteSlice data, int off, int len, int port) {
        byte[] address = new byte[len];
        data.copyTo(off, off + len, address, 0);
        return new Endpoint(ByteSlice.wrap(address), port);
    }
}
