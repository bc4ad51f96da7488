package org.mqttsniff.capture.live;

import java.util.List;
import java.util.stream.Collectors;

/** The capture filter when the user gives none: the MQTT ports, as tcpdump would be told. */
public final class Bpf {
    private Bpf() {
    }

    /** {@code tcp port 1883}, or {@code tcp and (port 1883 or port 8883)} for several ports. */
    public static String forPorts(List<Integer> ports) {
        if (ports.isEmpty()) {
            return "tcp";
        }
        if (ports.size() == 1) {
            return "tcp port " + ports.get(0);
        }
        return ports.stream().distinct().map(p -> "port " + p)
                .collect(Collectors.joining(" or ", "tcp and (", ")"));
    }
}
