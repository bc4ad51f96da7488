package org.mqttsniff.cli.options;

import java.util.Locale;

import org.mqttsniff.capture.live.LiveSource;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Live capture: the interface, the capture filter and the kernel buffer, named as tcpdump names them. */
public final class LiveOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-i", "--interface"}, paramLabel = "IFACE",
            description = "Capture live on this interface (a name, 'any' for all on Linux, or a number from -D).")
    String device;

    @Option(names = {"-D", "--list-interfaces"}, description = "List the interfaces to capture on, and exit.")
    boolean listInterfaces;

    @Option(names = "-f", paramLabel = "EXPR",
            description = "Capture filter (BPF, as tcpdump takes it); default: 'tcp port P' for the -p ports.")
    String filter;

    private int bufferSize;

    // tcpdump's -B counts KiB; a suffix says otherwise
    @Option(names = {"-B", "--buffer-size"}, paramLabel = "SIZE",
            description = "Kernel capture buffer, in KiB as tcpdump's -B, or with k, m, g (default: 32m).")
    void bufferSize(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : t.endsWith("g") ? 1L << 30 : 1L << 10;
        String digits = Character.isDigit(t.isEmpty() ? 'x' : t.charAt(t.length() - 1)) ? t
                : t.substring(0, t.length() - 1);
        try {
            long n = Long.parseLong(digits);
            if (n >= 1 && n * unit <= Integer.MAX_VALUE) {
                bufferSize = (int) (n * unit);
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(mixee.commandLine(),
                "-B takes a size from 1 KiB to 2 GiB, such as 8192 (KiB), 64m or 1g, got '" + text + "'");
    }

    @Option(names = "--immediate-mode",
            description = "Hand each frame over as it arrives instead of within 100 ms. On Linux the kernel ring then"
                    + " holds far fewer frames (one 64 KiB slot each on lo): a flood of small packets is dropped"
                    + " unless -B is large.")
    boolean immediate;

    /** What to open for {@code -i}, with {@code bpf} as the capture filter. */
    public LiveSource.Settings settings(String bpf) {
        return new LiveSource.Settings(device, bpf, bufferSize).immediately(immediate);
    }

    public String device() {
        return device;
    }

    public boolean listInterfaces() {
        return listInterfaces;
    }

    /** The -f expression, or null. */
    public String filter() {
        return filter;
    }

    /** Bytes, or 0 for the default. */
    public int bufferSize() {
        return bufferSize;
    }

    /** True when an option that only applies to live capture was given. */
    public boolean liveOnlyOptionGiven() {
        return filter != null || bufferSize != 0 || immediate;
    }
}
