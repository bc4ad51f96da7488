package org.mqttsniff.cli.options;

import java.nio.file.Path;

import org.mqttsniff.cli.CliException;
import org.mqttsniff.filter.Filter;
import org.mqttsniff.filter.FilterException;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What is shown, how much of it, and where it is written: the options of every source of events (-r, the proxy). */
public final class ShowOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "-c", paramLabel = "N", description = "Stop after N MQTT packets.")
    long count = Long.MAX_VALUE;

    @Option(names = "-w", paramLabel = "OUT.pcap",
            description = "Write a pcap file: with -r, the frames that carried the packets shown (after -Y);"
                    + " with -i, every frame captured; with proxy, everything relayed.")
    Path write;

    @Option(names = "-Y", paramLabel = "FILTER",
            description = "Show only what matches the display filter, e.g. 'type == PUBLISH && topic ~ \"home/#\"'."
                    + " -c counts matching packets.")
    String displayFilter;

    public Path writeTo() {
        return write;
    }

    /**
     * The compiled {@code -Y} filter, or {@link Filter#ALL}. Called before the source is opened, so a
     * bad filter costs one line and exit 2 and no reading; the line ends with the filter so that
     * "at character N" can be counted on it.
     */
    public Filter displayFilter() {
        if (displayFilter == null) {
            return Filter.ALL;
        }
        try {
            return Filter.compile(displayFilter);
        } catch (FilterException e) {
            throw CliException.invalidInput("-Y: " + e.getMessage() + ": " + displayFilter);
        }
    }

    public long count() {
        if (count < 1) {
            throw new ParameterException(mixee.commandLine(), "-c takes a count of 1 or more, got " + count);
        }
        return count;
    }
}
