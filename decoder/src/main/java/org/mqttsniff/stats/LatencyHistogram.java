package org.mqttsniff.stats;

/**
 * Latencies in nanoseconds, in fixed memory whatever their number: a log-linear histogram in the
 * manner of HdrHistogram. Values below 256 ns have a bucket each; above, every power of two is cut
 * into 128 equal buckets:
 *
 * <pre>
 *   value v &lt; 256:   index = v                                  (exact)
 *   value v &gt;= 256:  e = floor(log2 v), shift = e - 7
 *                     index = shift * 128 + (v &gt;&gt;&gt; shift)      (v &gt;&gt;&gt; shift is in [128, 256))
 * </pre>
 *
 * A bucket is 2^shift wide and starts at 128 * 2^shift or more, so reporting its middle is within
 * {@link #RELATIVE_ERROR} (1/256, under 0.4%) of any value in it. Count, min and max are exact.
 * The whole positive {@code long} range fits in {@value #BUCKETS} counters (57 KiB), allocated on
 * the first value.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 7;
    private static final int EXACT = 2 << SUB_BITS;
    /** The largest long has e = 62, so shift reaches 55 and the index 55 * 128 + 255. */
    static final int BUCKETS = ((62 - SUB_BITS) << SUB_BITS) + EXACT;
    /** Largest relative difference between a percentile reported and the true one. */
    public static final double RELATIVE_ERROR = 1.0 / EXACT;

    private long[] counts;
    private long count;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private int highest = -1;

    /** Adds one value; a negative one (capture times out of order) counts as 0. */
    public void record(long nanos) {
        long v = Math.max(0, nanos);
        if (counts == null) {
            counts = new long[BUCKETS];
        }
        int i = index(v);
        counts[i]++;
        if (i > highest) {
            highest = i;
        }
        count++;
        if (v < min) {
            min = v;
        }
        if (v > max) {
            max = v;
        }
    }

    static int index(long v) {
        if (v < EXACT) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - SUB_BITS;
        return (shift << SUB_BITS) + (int) (v >>> shift);
    }

    /** The middle of bucket {@code i} (its only value below 256). */
    static long middle(int i) {
        if (i < EXACT) {
            return i;
        }
        int shift = (i >>> SUB_BITS) - 1;
        long sub = i - ((long) shift << SUB_BITS);
        return (sub << shift) + (1L << (shift - 1));
    }

    public long count() {
        return count;
    }

    /** Exact; 0 when empty. */
    public long min() {
        return count == 0 ? 0 : min;
    }

    /** Exact; 0 when empty. */
    public long max() {
        return count == 0 ? 0 : max;
    }

    /**
     * The nearest-rank percentile (the value at rank ceil(p/100 * count)), within
     * {@link #RELATIVE_ERROR} (exact when that is the first or last value); 0 when empty.
     */
    public long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        if (p <= 0) {
            return min;
        }
        if (p >= 100) {
            return max;
        }
        long rank = Math.max(1, (long) Math.ceil(p / 100 * count));
        if (rank == 1 || rank == count) {
            return rank == 1 ? min : max; // the extremes are known exactly
        }
        long seen = 0;
        for (int i = 0; i <= highest; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, Math.max(min, middle(i)));
            }
        }
        return max;
    }
}
