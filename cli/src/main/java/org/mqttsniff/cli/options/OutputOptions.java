package org.mqttsniff.cli.options;

import org.mqttsniff.cli.CliException;
import org.mqttsniff.cli.output.RenderOptions;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How packets are printed; every command that prints packets mixes these in. */
public final class OutputOptions {

    public enum Format { text, json, tui }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "-T", paramLabel = "text|json|tui", defaultValue = "text",
            description = "Output format: text (the teaching view), json (one object per line) or tui (the terminal"
                    + " UI; the default for -r, -i and proxy on a terminal). Default otherwise: ${DEFAULT-VALUE}.")
    Format format = Format.text;

    @Option(names = "--show-secrets",
            description = "Print passwords and Authentication Data instead of ****.")
    boolean showSecrets;

    private int maxPayload = 256;

    @Option(names = "--max-payload", paramLabel = "N", defaultValue = "256",
            description = "Payload bytes printed per message in JSON output (default: ${DEFAULT-VALUE}).")
    void maxPayload(int n) {
        if (n < 0) {
            throw new ParameterException(mixee.commandLine(), "--max-payload must be 0 or more, got " + n);
        }
        maxPayload = n;
    }

    public Format format() {
        return format;
    }

    /** True when -T was on the command line, so a default (the terminal UI on a terminal) may not replace it. */
    public boolean formatGiven() {
        return mixee.commandLine().getParseResult() != null
                && mixee.commandLine().getParseResult().hasMatchedOption("-T");
    }

    /**
     * Whether a source's events go to the terminal UI: when asked for with -T tui, or by default on a
     * terminal unless {@code lines}, an option that only means something for printed output (-V,
     * -z, -w, -c), says the user wants lines. Here rather than in TuiRunner, so that deciding
     * does not load the UI's classes (Lanterna's) on runs that print lines.
     */
    public boolean tui(boolean terminal, boolean lines) {
        if (format == Format.tui && formatGiven()) {
            if (lines) {
                throw CliException.invalidInput("-T tui shows packets on screen: -V, -z, -w and -c go with -T text or json");
            }
            if (!terminal) {
                throw CliException.invalidInput("-T tui needs a terminal, and stdin or stdout is not one:"
                        + " use -T text or -T json");
            }
            return true;
        }
        return terminal && !formatGiven() && !lines;
    }

    public boolean showSecrets() {
        return showSecrets;
    }

    public RenderOptions render() {
        return new RenderOptions(showSecrets, maxPayload);
    }
}
