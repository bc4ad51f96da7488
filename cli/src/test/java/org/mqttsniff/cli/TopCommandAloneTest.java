package org.mqttsniff.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mqttsniff.cli.options.CaptureOptions;
import org.mqttsniff.cli.options.LiveOptions;
import org.mqttsniff.cli.options.OutputOptions;
import org.mqttsniff.cli.options.ProtocolOptions;
import org.mqttsniff.cli.options.ShowOptions;

import picocli.CommandLine.Option;

/**
 * {@link Main#run} first builds the top command without its subcommands (cheaper to start) and
 * falls back to the full model when that could answer differently. Whatever the arguments, the
 * output and exit code must be the full model's.
 */
class TopCommandAloneTest {
    private static final String PCAP = ReadCaptureTest.SAMPLES.resolve("v5-properties.pcap").toString();

    static List<Arguments> commandLines() {
        List<String[]> all = new ArrayList<>();
        // runs of the top command itself
        all.add(new String[] {"--version"});
        all.add(new String[] {"-r", PCAP, "--stats"});
        all.add(new String[] {"-r", PCAP, "-z", "-T", "json"});
        all.add(new String[] {"-r", PCAP, "-T", "text", "-V", "-c", "2"});
        all.add(new String[] {"-r", PCAP, "-T", "JSON", "-Y", "type == PUBLISH", "--max-payload", "4"});
        all.add(new String[] {"-r", PCAP, "-T", "text", "-p", "1883,8883", "--max-connections", "5",
            "--max-conn-buffer", "64k", "--max-buffer", "1m", "--mqtt-version", "5", "--max-packet-size", "100"});
        all.add(new String[] {});
        all.add(new String[] {"--debug"});
        all.add(new String[] {"-r", "no-such-file.pcap", "--stats"});
        // failures found once the command runs, not while parsing
        all.add(new String[] {"-r", PCAP, "-T", "text", "-c", "0"});
        all.add(new String[] {"-r", PCAP, "-T", "text", "-Y", "type =="});
        all.add(new String[] {"-r", PCAP, "-f", "tcp"});
        all.add(new String[] {"-r", PCAP, "-i", "lo"});
        // usage help, which lists the subcommands
        all.add(new String[] {"--help"});
        all.add(new String[] {"-h"});
        all.add(new String[] {"-zh"});
        all.add(new String[] {"-r", PCAP, "--help"});
        // command lines that do not parse
        all.add(new String[] {"--bogus"});
        all.add(new String[] {"-r"});
        all.add(new String[] {"decod"});
        all.add(new String[] {"x", "y"});
        all.add(new String[] {"-T", "xml", "-r", PCAP});
        all.add(new String[] {"-r", PCAP, "--mqtt-version", "4"});
        all.add(new String[] {"-r", PCAP, "-p", "0"});
        all.add(new String[] {"-r", PCAP, "--max-conn-buffer", "3x"});
        all.add(new String[] {"-r", PCAP, "--max-payload", "-1"});
        all.add(new String[] {"-c", "many"});
        // subcommands, by name anywhere, and arguments from a file
        all.add(new String[] {"help"});
        all.add(new String[] {"help", "decode"});
        all.add(new String[] {"decode", "--help"});
        all.add(new String[] {"decode", "30", "02", "00", "00"});
        all.add(new String[] {"proxy"});
        all.add(new String[] {"-r", "decode", "--stats"});
        all.add(new String[] {"-r", PCAP, "decode"});
        all.add(new String[] {"@no-such-args-file"});
        return all.stream().map(a -> Arguments.of((Object) a)).toList();
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void prints_and_exits_as_the_full_model(String[] args) {
        Cli.Result alone = Cli.run(args);
        Cli.Result full = Cli.runFullModel(args);
        assertThat(alone).isEqualTo(full);
    }

    /**
     * Options declared on methods are listed in an order the JVM does not specify: a class may
     * declare one, or several if Main pins their order.
     */
    @Test
    void setter_options_are_one_per_class_or_pinned() {
        Class<?>[] classes = {Main.class, DecodeCommand.class, ProxyCommand.class, LiveOptions.class,
            CaptureOptions.class, ShowOptions.class, ProtocolOptions.class, OutputOptions.class};
        for (Class<?> c : classes) {
            List<String> names = new ArrayList<>();
            for (Method m : c.getDeclaredMethods()) {
                Option o = m.getAnnotation(Option.class);
                if (o != null) {
                    names.add(longest(o.names()));
                }
            }
            if (c == CaptureOptions.class) {
                assertThat(names).containsExactlyInAnyOrderElementsOf(Main.CAPTURE_METHOD_OPTIONS);
            } else {
                assertThat(names).as(c.getSimpleName()).hasSizeLessThanOrEqualTo(1);
            }
        }
    }

    private static String longest(String[] names) {
        String longest = "";
        for (String n : names) {
            if (n.length() > longest.length()) {
                longest = n;
            }
        }
        return longest;
    }

    @Test
    void help_subcommand_prints_the_same_usage_as_help_option() {
        Cli.Result option = Cli.run("--help");
        assertThat(Cli.run("help").out()).isEqualTo(option.out());
        // the options declared on CaptureOptions' methods, in their fixed order whatever the JVM's method order
        List<String> lines = option.outLines();
        List<Integer> at = new ArrayList<>();
        for (String name : Main.CAPTURE_METHOD_OPTIONS) {
            int line = -1;
            for (int i = 0; i < lines.size(); i++) {
                // an option list line, not the synopsis: "  -p, --port=PORT..." or "      --max-buffer=SIZE ..."
                if (lines.get(i).matches(" +(-\\w, )?" + name + "=.*")) {
                    line = i;
                    break;
                }
            }
            at.add(line);
        }
        assertThat(at).doesNotContain(-1).isSorted();
        assertThat(Path.of(PCAP)).exists();
    }
}
