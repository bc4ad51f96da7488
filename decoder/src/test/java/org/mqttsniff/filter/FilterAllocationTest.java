package org.mqttsniff.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;
import org.mqttsniff.session.SnifferEvent;

/**
 * A filter runs once per packet on files of millions of packets, so evaluating one allocates
 * nothing: no substrings for topic matching, no decoded payloads, no endpoint text per packet.
 */
class FilterAllocationTest {

    @Test
    void evaluating_a_compiled_filter_allocates_nothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Filter f = Filter.compile("type == PUBLISH && topic ~ \"home/+/temp\" && qos >= 0 && payload contains \"°\""
                + " || client contains \"sensor\" && !malformed && src == \"10.0.0.5:40001\" && latency < 10"
                + " || reasonCode >= 0x80 || reason == \"No matching subscribers\" || filter ~ \"home/#\""
                + " || stream == 7 || dir == s2c && warning contains \"x\" || event == gap");
        SnifferEvent[] events = FilterTest.EVENTS.values().toArray(SnifferEvent[]::new);
        int hits = 0;
        for (int i = 0; i < 200_000; i++) { // let the JIT settle
            hits += f.test(events[i % events.length]) ? 1 : 0;
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            hits += f.test(events[i % events.length]) ? 1 : 0;
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertThat(hits).isPositive();
        // the measuring call itself may allocate a few bytes; one object per evaluation would be megabytes
        assertThat(allocated).isLessThan(10_000);
    }
}
