package org.mqttsniff.cli.options;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

import org.mqttsniff.filter.Filter;
import org.mqttsniff.tcp.AssemblerLimits;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which connections carry MQTT, which packets to show and how many: the options of every capture source. */
public final class CaptureOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Mixin
    ShowOptions show;

    /** -c, -Y and -w. */
    public ShowOptions show() {
        return show;
    }

    public long count() {
        return show.count();
    }

    public java.nio.file.Path writeTo() {
        return show.writeTo();
    }

    public Filter displayFilter() {
        return show.displayFilter();
    }

    private final List<Integer> ports = new ArrayList<>(List.of(1883));

    @Option(names = {"-p", "--port"}, paramLabel = "PORT", split = ",",
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

    private AssemblerLimits limits = AssemblerLimits.defaults();

    @Option(names = "--max-conn-buffer", paramLabel = "SIZE",
            description = "Out-of-order bytes held per connection before the missing ones are declared lost"
                    + " (default 4m). Sizes take k, m, g.")
    void maxConnBuffer(String size) {
        limits = limits.withMaxBufferedPerConnection(size("--max-conn-buffer", size));
    }

    @Option(names = "--max-buffer", paramLabel = "SIZE",
            description = "Out-of-order bytes held in all before the oldest holes are declared lost (default 256m).")
    void maxBuffer(String size) {
        limits = limits.withMaxBufferedTotal(size("--max-buffer", size));
    }

    @Option(names = "--max-connections", paramLabel = "N",
            description = "Connections followed at once; past it the least recently active is closed (default 100000).")
    void maxConnections(int n) {
        if (n < 1) {
            throw new ParameterException(mixee.commandLine(), "--max-connections must be 1 or more, got " + n);
        }
        limits = limits.withMaxConnections(n);
    }

    private long size(String option, String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        long unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : t.endsWith("g") ? 1L << 30 : 1;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n >= 0 && n <= Long.MAX_VALUE / unit) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(mixee.commandLine(), option + " takes a size such as 512k, 4m or 1g, got '"
                + text + "'");
    }

    /** The reassembly bounds, with the MQTT ports as broker ports. */
    public AssemblerLimits limits() {
        return limits.withServerPort(mqttPort());
    }

    /** The -p ports, in the order given. */
    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    public IntPredicate mqttPort() {
        int[] list = new int[ports.size()];
        for (int i = 0; i < list.length; i++) {
            list[i] = ports.get(i);
        }
        return new PortSet(list);
    }

    /**
     * A class, not a lambda and a stream: this runs once per start, before the first frame, where
     * the stream pipeline and the lambda's bootstrap cost ~4 ms of loading and interpreting.
     */
    private static final class PortSet implements IntPredicate {
        private final int[] ports;

        PortSet(int[] ports) {
            this.ports = ports;
        }

        @Override
        public boolean test(int port) {
            for (int p : ports) {
                if (p == port) {
                    return true;
                }
            }
            return false;
        }
    }

}
