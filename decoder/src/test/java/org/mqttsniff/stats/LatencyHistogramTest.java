package org.mqttsniff.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    /** Nearest rank, the definition the histogram approximates. */
    private static long exact(long[] sorted, double p) {
        long rank = Math.max(1, (long) Math.ceil(p / 100 * sorted.length));
        return sorted[(int) rank - 1];
    }

    private static void assertPercentilesWithinPrecision(long[] values) {
        LatencyHistogram h = new LatencyHistogram();
        for (long v : values) {
            h.record(v);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        assertThat(h.count()).isEqualTo(values.length);
        assertThat(h.min()).isEqualTo(sorted[0]);
        assertThat(h.max()).isEqualTo(sorted[sorted.length - 1]);
        for (double p : new double[] {0.1, 1, 10, 25, 50, 75, 90, 99, 99.9}) {
            long want = exact(sorted, p);
            assertThat((double) Math.abs(h.percentile(p) - want)).as("p%s of %d values", p, values.length)
                    .isLessThanOrEqualTo(want * LatencyHistogram.RELATIVE_ERROR);
        }
    }

    @Test
    void percentiles_of_log_uniform_latencies_are_within_the_stated_precision() {
        Random random = new Random(20261122);
        long[] values = new long[200_000];
        for (int i = 0; i < values.length; i++) {
            // 10 ns .. 100 s, spread evenly over the orders of magnitude
            values[i] = (long) Math.pow(10, 1 + random.nextDouble() * 10);
        }
        assertPercentilesWithinPrecision(values);
    }

    @Test
    void percentiles_of_a_narrow_cluster_are_within_the_stated_precision() {
        Random random = new Random(7);
        long[] values = new long[50_001];
        for (int i = 0; i < values.length; i++) {
            values[i] = 120_000 + (long) (random.nextGaussian() * 3_000); // about 0.12 ms
        }
        assertPercentilesWithinPrecision(values);
    }

    @Test
    void small_values_are_exact() {
        LatencyHistogram h = new LatencyHistogram();
        for (long v = 1; v <= 255; v++) {
            h.record(v);
        }
        assertThat(h.percentile(50)).isEqualTo(128);
        assertThat(h.percentile(99)).isEqualTo(253);
        assertThat(h.min()).isEqualTo(1);
        assertThat(h.max()).isEqualTo(255);
    }

    @Test
    void one_value_is_every_percentile_and_extremes_fit() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(123_456_789);
        assertThat(h.percentile(50)).isEqualTo(123_456_789);
        assertThat(h.percentile(99)).isEqualTo(123_456_789);
        h.record(Long.MAX_VALUE);
        h.record(-5); // times out of order count as 0
        assertThat(h.min()).isZero();
        assertThat(h.max()).isEqualTo(Long.MAX_VALUE);
        assertThat((double) Math.abs(h.percentile(50) - 123_456_789))
                .isLessThanOrEqualTo(123_456_789 * LatencyHistogram.RELATIVE_ERROR);
    }

    @Test
    void an_empty_histogram_says_zero() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.count()).isZero();
        assertThat(h.percentile(50)).isZero();
        assertThat(h.min()).isZero();
        assertThat(h.max()).isZero();
    }

    @Test
    void buckets_are_contiguous_and_cover_every_long() {
        assertThat(LatencyHistogram.index(255)).isEqualTo(255);
        assertThat(LatencyHistogram.index(256)).isEqualTo(256);
        assertThat(LatencyHistogram.index(Long.MAX_VALUE)).isEqualTo(LatencyHistogram.BUCKETS - 1);
        for (int shift = 1; shift < 56; shift++) {
            long lowest = 128L << shift;
            assertThat(LatencyHistogram.index(lowest)).isEqualTo(LatencyHistogram.index(lowest - 1) + 1);
            assertThat(LatencyHistogram.middle(LatencyHistogram.index(lowest))).isEqualTo(lowest + (1L << shift - 1));
        }
    }
}
