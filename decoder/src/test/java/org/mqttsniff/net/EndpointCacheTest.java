package org.mqttsniff.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;

class EndpointCacheTest {

    private static ByteSlice ipv4(int last, int port) {
        // address at offset 0, port is passed apart, as the parser does
        return ByteSlice.wrap(new byte[] {10, 0, 0, (byte) last, (byte) (port >> 8), (byte) port});
    }

    @Test
    void a_broker_and_fifty_clients_keep_their_instances_frame_after_frame() {
        // The benchmark capture's endpoints: with a one-way cache, 10.0.0.1:1883 and one client shared a slot
        // and were allocated again on every frame.
        EndpointCache cache = new EndpointCache();
        List<Endpoint> first = new ArrayList<>();
        Endpoint broker = cache.get(ipv4(1, 1883), 0, 4, 1883);
        for (int port = 40000; port < 40050; port++) {
            first.add(cache.get(ipv4(2, port), 0, 4, port));
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < first.size(); i++) {
                int port = 40000 + i;
                assertThat(cache.get(ipv4(2, port), 0, 4, port)).isSameAs(first.get(i));
                assertThat(cache.get(ipv4(1, 1883), 0, 4, 1883)).isSameAs(broker);
            }
        }
    }

    @Test
    void endpoints_from_the_cache_equal_fresh_ones_and_differ_by_address_or_port() {
        EndpointCache cache = new EndpointCache();
        Endpoint e = cache.get(ipv4(2, 40001), 0, 4, 40001);
        assertThat(e).isEqualTo(new Endpoint(ByteSlice.fromHex("0a000002"), 40001))
                .hasSameHashCodeAs(new Endpoint(ByteSlice.fromHex("0a000002"), 40001))
                .isNotEqualTo(new Endpoint(ByteSlice.fromHex("0a000003"), 40001))
                .isNotEqualTo(new Endpoint(ByteSlice.fromHex("0a000002"), 40002))
                .isNotEqualTo(new Endpoint(ByteSlice.fromHex("0000000000000000000000000a000002"), 40001));
        ByteSlice v6 = ByteSlice.fromHex("20010db8000000000000000000000001");
        Endpoint a = cache.get(v6, 0, 16, 1883);
        assertThat(cache.get(v6, 0, 16, 1883)).isSameAs(a).isEqualTo(new Endpoint(v6, 1883));
        assertThat(a).hasToString("[2001:db8::1]:1883");
    }
}
