package org.mqttsniff.net;

import org.mqttsniff.bytes.ByteSlice;

/**
 * A two-way set-associative cache of {@link Endpoint}s, so the segments of one connection share two
 * Endpoint instances instead of allocating two Endpoints and two address slices per frame.
 *
 * <p>Two ways, because with one a single pair of endpoints that hash to the same slot (a broker's
 * address and one of its clients, say) replaced each other on every frame: then every frame of every
 * connection to that broker allocated, and the connection table compared addresses byte by byte,
 * since its keys held older instances. A set holds its most recently inserted endpoint first.
 *
 * <p>It also keeps frames from being pinned in memory: a cached Endpoint owns a copy of its address,
 * where an Endpoint sliced out of the frame would keep the whole frame's array alive for as long as a
 * connection table holds it. Nothing is ever evicted except by a newcomer to a full set.
 */
final class EndpointCache {
    private static final int SET_BITS = 9;
    private static final int SETS = 1 << SET_BITS;

    /** IPv4, two per set: address << 16 | port, plus a bit that marks the slot used. */
    private final long[] v4Keys = new long[2 * SETS];
    private final Endpoint[] v4 = new Endpoint[2 * SETS];
    /** IPv6, two per set: four address words and the port per slot; the Endpoint being non-null marks the slot used. */
    private final int[] v6Keys = new int[2 * 5 * SETS];
    private final Endpoint[] v6 = new Endpoint[2 * SETS];

    Endpoint get(ByteSlice data, int addressOffset, int addressLength, int port) {
        return addressLength == 4 ? v4(data, addressOffset, port) : v6(data, addressOffset, port);
    }

    private Endpoint v4(ByteSlice data, int off, int port) {
        long key = 1L << 48 | data.getU32(off) << 16 | port;
        int i = 2 * (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - SET_BITS));
        if (v4Keys[i] == key) {
            return v4[i];
        }
        if (v4Keys[i + 1] == key) {
            return v4[i + 1];
        }
        Endpoint e = create(data, off, 4, port);
        v4Keys[i + 1] = v4Keys[i];
        v4[i + 1] = v4[i];
        v4Keys[i] = key;
        v4[i] = e;
        return e;
    }

    private Endpoint v6(ByteSlice data, int off, int port) {
        int a = data.getInt(off);
        int b = data.getInt(off + 4);
        int c = data.getInt(off + 8);
        int d = data.getInt(off + 12);
        int h = ((a * 31 + b) * 31 + c) * 31 + d;
        h = (h * 31 + port) * 0x9E3779B9;
        int i = 2 * (h >>> (32 - SET_BITS));
        for (int w = i; w < i + 2; w++) {
            int k = 5 * w;
            if (v6[w] != null && v6Keys[k] == a && v6Keys[k + 1] == b && v6Keys[k + 2] == c && v6Keys[k + 3] == d
                    && v6Keys[k + 4] == port) {
                return v6[w];
            }
        }
        Endpoint e = create(data, off, 16, port);
        System.arraycopy(v6Keys, 5 * i, v6Keys, 5 * (i + 1), 5);
        v6[i + 1] = v6[i];
        int k = 5 * i;
        v6Keys[k] = a;
        v6Keys[k + 1] = b;
        v6Keys[k + 2] = c;
        v6Keys[k + 3] = d;
        v6Keys[k + 4] = port;
        v6[i] = e;
        return e;
    }

    private static Endpoint create(ByteSlice data, int off, int len, int port) {
        byte[] address = new byte[len];
        data.copyTo(off, off + len, address, 0);
        return new Endpoint(ByteSlice.wrap(address), port);
    }
}
