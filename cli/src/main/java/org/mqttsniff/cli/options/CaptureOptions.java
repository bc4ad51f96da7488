package org.mqttsniff.cli.options;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which connections carry MQTT and how much to read: the options of every capture source. */
public final class CaptureOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    private final List<Integer> ports = new ArrayList<>(List.of(1883));

    @Option(names = {"-p", "--port"}, paramLabel = "PORT[,PORT...]", split = ",",
            description = "TCP ports that carry MQTT (default: 1883). MQTT on other ports is found by its CONNECT.")
    void ports(List<String> values) {
        ports.clear();
        for (String v : values) {
            int p;
            try {
                p = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new ParameterException(mixee.commandLine(), "--port takes port numbers, got '" + v + "'");
            }
            if (p < 1 || p > 65535) {
                throw new ParameterException(mixee.commandLine(), "--port " + p + " is not a TCP port (1-65535)");
            }
            ports.add(p);
        }
    }

    @Option(names = "-c", paramLabel = "N", description = "Stop after N MQTT packets.")
    long count = Long.MAX_VALUE;

    public IntPredicate mqttPort() {
        int[] list = ports.stream().mapToInt(Integer::intValue).toArray();
        return port -> {
            for (int p : list) {
                if (p == port) {
                    return true;
                }
            }
            return false;
        };
    }

    public long count() {
        if (count < 1) {
            throw new ParameterException(mixee.commandLine(), "-c takes a count of 1 or more, got " + count);
        }
        return count;
    }
}
