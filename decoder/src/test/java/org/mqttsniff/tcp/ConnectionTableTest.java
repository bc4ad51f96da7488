package org.mqttsniff.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.net.Endpoint;

/** The table against the access-ordered LinkedHashMap it replaces, under random finds, adds and removals. */
class ConnectionTableTest {

    private static Endpoint ep(int host, int port) {
        return new Endpoint(ByteSlice.wrap(new byte[] {10, 0, (byte) (host >> 8), (byte) host}), port);
    }

    @Test
    void behaves_like_an_access_ordered_map_through_growth_and_backward_shift_removal() {
        Random rnd = new Random(42);
        ConnectionTable table = new ConnectionTable();
        Map<List<Endpoint>, TcpConnection> model = new LinkedHashMap<>(16, 0.75f, true);
        int stream = 0;
        for (int step = 0; step < 50_000; step++) {
            // few hosts and ports, so probes collide and removals shift entries back
            Endpoint client = ep(rnd.nextInt(40), 40000 + rnd.nextInt(8));
            Endpoint server = ep(1000, 1883);
            List<Endpoint> key = List.of(client, server);
            boolean reversed = rnd.nextBoolean(); // a lookup either way round finds the connection
            int op = rnd.nextInt(10);
            if (op < 6) {
                TcpConnection expected = model.get(key);
                TcpConnection found = reversed ? table.find(server, ep(client.address().getU16(2), client.port()))
                        : table.find(ep(client.address().getU16(2), client.port()), server);
                assertThat(found).isSameAs(expected);
            } else if (op < 8) {
                if (!model.containsKey(key)) {
                    TcpConnection c = new TcpConnection(stream++, client, server, RoleBasis.SYN, step);
                    model.put(key, c);
                    table.add(c);
                }
            } else if (!model.isEmpty()) {
                // the eldest, or one found by key
                TcpConnection victim = op == 8 ? table.eldest() : model.get(key);
                if (op == 8) {
                    assertThat(victim).isSameAs(model.values().iterator().next());
                }
                if (victim != null) {
                    model.remove(List.of(victim.client(), victim.server()));
                    table.remove(victim);
                }
            }
            assertThat(table.size()).isEqualTo(model.size());
        }
        assertThat(table.inAge()).containsExactlyElementsOf(new ArrayList<>(model.values()));
        for (TcpConnection c : new ArrayList<>(model.values())) {
            assertThat(table.find(c.server(), c.client())).isSameAs(c);
        }
    }
}
