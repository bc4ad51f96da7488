package org.mqttsniff.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FindTest {
    private final List<Long> looked = new ArrayList<>();
    private long selected = -1;

    private Find find(String text, long hi, long from, int dir) {
        return new Find(text, 0, hi, from, dir, i -> {
            looked.add(i);
            return i == 700 ? "PUBLISH topic=Site/7" : "PUBACK id=" + i;
        }, i -> selected = i);
    }

    @Test
    void a_slice_whose_time_is_up_stops_after_a_few_rows_and_the_next_goes_on_from_there() {
        Find f = find("site/7", 1000, 0, 1);
        assertThat(f.step(Integer.MAX_VALUE, System.nanoTime() - 1)).isEqualTo(Find.State.SEARCHING);
        assertThat(looked).hasSize(15).startsWith(1L).endsWith(15L);
        assertThat(selected).isEqualTo(-1);
        assertThat(f.step(Integer.MAX_VALUE, System.nanoTime() + 10_000_000_000L)).isEqualTo(Find.State.FOUND);
        assertThat(looked.get(15)).isEqualTo(16L);
        assertThat(selected).isEqualTo(700);
        assertThat(f.wrapped()).isFalse();
    }

    @Test
    void back_from_the_top_it_goes_round_to_the_end_and_a_search_without_a_match_ends() {
        Find f = find("site/7", 1000, 0, -1);
        assertThat(f.step(10_000)).isEqualTo(Find.State.FOUND);
        assertThat(looked.get(0)).isEqualTo(999L);
        assertThat(f.wrapped()).isTrue();
        looked.clear();
        Find none = find("nowhere", 1000, 5, 1);
        assertThat(none.step(Integer.MAX_VALUE, System.nanoTime() + 10_000_000_000L)).isEqualTo(Find.State.NOT_FOUND);
        assertThat(looked).hasSize(1000).startsWith(6L).endsWith(5L);
    }
}
