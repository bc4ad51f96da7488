package org.mqttsniff.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RowTextTest {
    private static String formatted(long d) {
        return String.format(Locale.ROOT, "%.6f", d / 1e9);
    }

    @Test
    void time_is_what_percent_point_6f_makes_of_the_seconds() {
        long first = 1_700_000_000_000_000_000L;
        long[] table = {0, 1, 499, 500, 999, 1_000, 1_500, 2_500, 999_999_499, 999_999_500, 1_000_000_000,
            3_897_000, 12_345_678_901L, 86_400_000_000_000L, -1, -400, -1_500, -2_000_000_000L};
        for (long d : table) {
            assertThat(RowText.time(first + d, first)).as("%d ns", d).isEqualTo(formatted(d));
        }
        Random r = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            long d = r.nextLong() % 100_000_000_000_000L / (i % 2 == 0 ? 1 : 1000) * (i % 4 < 2 ? 1 : 1000);
            assertThat(RowText.time(first + d, first)).as("%d ns", d).isEqualTo(formatted(d));
        }
        assertThat(RowText.time(first, Long.MIN_VALUE)).isEqualTo("0.000000");
    }
}
