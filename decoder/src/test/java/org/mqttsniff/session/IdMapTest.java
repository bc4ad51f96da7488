package org.mqttsniff.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IdMapTest {

    @Test
    void behaves_like_a_hash_map_through_a_million_random_puts_gets_and_removes() {
        Random r = new Random(7);
        for (int range : new int[] {4, 100, 65536}) {
            IdMap<Integer> ids = new IdMap<>();
            Map<Integer, Integer> ref = new HashMap<>();
            for (int op = 0; op < 300_000; op++) {
                int key = r.nextInt(range);
                switch (r.nextInt(3)) {
                    case 0 -> assertThat(ids.put(key, op)).isEqualTo(ref.put(key, op));
                    case 1 -> assertThat(ids.remove(key)).isEqualTo(ref.remove(key));
                    default -> assertThat(ids.get(key)).isEqualTo(ref.get(key));
                }
                assertThat(ids.size()).isEqualTo(ref.size());
            }
            for (int key = 0; key < Math.min(range, 65536); key++) {
                assertThat(ids.get(key)).as("key %d", key).isEqualTo(ref.get(key));
            }
        }
    }

    @Test
    void identifiers_counted_up_and_acknowledged_in_order_leave_it_empty() {
        IdMap<String> ids = new IdMap<>();
        for (int id = 1; id <= 65535; id++) {
            ids.put(id, "flow " + id);
            if (id > 20) {
                assertThat(ids.remove(id - 20)).isEqualTo("flow " + (id - 20));
            }
        }
        assertThat(ids.size()).isEqualTo(20);
        assertThat(ids.get(65535)).isEqualTo("flow 65535");
        assertThat(ids.get(65515)).isNull();
    }
}
