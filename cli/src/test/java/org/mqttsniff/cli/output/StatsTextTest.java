package org.mqttsniff.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class StatsTextTest {

    /** What {@link StatsText#bytes} printed before it stopped calling String.format below 1 TiB. */
    private static String formatted(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    @Test
    void byte_sizes_print_as_string_format_printed_them() {
        long checked = 0;
        // every size up to 300 KiB, then around every rounding boundary and unit change up to 4 TiB
        for (long n = 0; n < 300 * 1024; n++, checked++) {
            assertThat(StatsText.bytes(n)).isEqualTo(formatted(n));
        }
        for (int shift = 10; shift <= 40; shift += 10) {
            for (long tenth = 0; tenth < 10240; tenth += shift == 10 ? 1 : 7) {
                // the tie (2j+1)/20 of a unit and its neighbours
                long tie = ((2 * tenth + 1) << shift) / 20;
                for (long n = tie - 2; n <= tie + 2; n++, checked++) {
                    assertThat(StatsText.bytes(n)).as("%d", n).isEqualTo(formatted(n));
                }
            }
            for (long n = (1L << shift) - 3; n <= (1L << shift) + 3; n++, checked++) {
                assertThat(StatsText.bytes(n)).isEqualTo(formatted(n));
            }
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++, checked++) {
            long n = random.nextLong(1L << random.nextInt(11, 43));
            assertThat(StatsText.bytes(n)).as("%d", n).isEqualTo(formatted(n));
        }
        assertThat(StatsText.bytes(1280)).isEqualTo("1.3 KiB");
        assertThat(StatsText.bytes((1L << 20) - 1)).isEqualTo("1024.0 KiB");
        assertThat(checked).isGreaterThan(500_000);
    }
}
