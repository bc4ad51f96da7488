package org.mqttsniff.stats;

/**
 * About how many distinct strings were seen, in 8 KiB: linear counting (Whang, Vander-Zanden and
 * Taylor, 1990) over a 65,536-bit map. It counts the topics and client ids past the limit of
 * those tracked one by one, so a report can say how many it does not show. The estimate is
 * within a few percent up to a few hundred thousand; past that the map fills and
 * {@link #saturated()} says the number is a lower bound.
 */
final class DistinctCounter {
    private static final int BITS = 1 << 16;
    private final long[] map = new long[BITS / 64];
    private int set;

    void add(String s) {
        int h = mix(s.hashCode()) & (BITS - 1);
        long bit = 1L << h;
        if ((map[h >>> 6] & bit) == 0) {
            map[h >>> 6] |= bit;
            set++;
        }
    }

    long estimate() {
        if (set == 0) {
            return 0;
        }
        int zeros = BITS - Math.min(set, BITS - 1);
        return Math.round(-BITS * Math.log((double) zeros / BITS));
    }

    boolean saturated() {
        return set >= BITS - BITS / 64;
    }

    /** MurmurHash3's finaliser: String.hashCode's low bits alone cluster for similar names. */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ h >>> 16;
    }
}
