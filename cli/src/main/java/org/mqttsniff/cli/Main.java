package org.mqttsniff.cli;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.mqttsniff.cli.options.CaptureOptions;
import org.mqttsniff.cli.options.LiveOptions;
import org.mqttsniff.cli.options.OutputOptions;
import org.mqttsniff.cli.options.ProtocolOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code mqttsniff} command. It takes options itself (later {@code -r}, {@code -i}) as well as
 * subcommands, so it is a command in its own right and not only a dispatcher.
 */
@Command(name = Main.NAME,
        versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"MQTT protocol analyzer: decodes MQTT 3.1, 3.1.1 and 5.0 packets and explains them byte by byte.",
            "",
            "  mqttsniff -r capture.pcap             read a pcap or pcapng file, or a .gz",
            "  sudo mqttsniff -i lo                  capture live (-D lists interfaces)",
            "  mqttsniff proxy --upstream HOST:PORT  relay to a broker, decode both ways",
            "  mqttsniff decode HEX...               decode packets given as hex",
            "",
            "On a terminal, -r, -i and proxy open the UI; -T text or -T json print lines.",
            ""},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  malformed input found",
            "  2  bad usage or invalid input",
            "  3  capture unavailable",
            "  4  internal error"})
public final class Main implements Callable<Integer> {
    static final String NAME = "mqttsniff";

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The bytes under the command line's out, when it has them (main's stdout); null otherwise. */
    private OutputStream rawOut;

    /** True when stdin and stdout are a terminal: then -r opens the terminal UI unless told otherwise. */
    private final boolean terminal;

    Main(boolean terminal) {
        this.terminal = terminal;
    }

    @Option(names = {"-r", "--read"}, paramLabel = "FILE", description = "Read packets from a pcap or pcapng file.")
    Path read;

    // -V is tshark's "packet details", so --version has no short form here
    @Option(names = "-V", description = "Under each packet, explain every field with its bytes (text output).")
    boolean verbose;

    // tshark's -z, but with its -q implied: a summary instead of the packets, which also keeps it fast
    @Option(names = {"-z", "--stats"},
            description = "Instead of a line per packet, print a summary at the end (one JSON line with -T json).")
    boolean stats;

    @Mixin
    LiveOptions live;

    @Mixin
    CaptureOptions capture;

    @Mixin
    ProtocolOptions protocol;

    @Mixin
    OutputOptions output;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print stack traces of internal errors (for bug reports).")
    boolean debug;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (live.listInterfaces()) {
            return LiveCapture.listInterfaces(out);
        }
        if (read != null && live.device() != null) {
            throw CliException.invalidInput("-r and -i cannot be used together: read a file, or capture live");
        }
        if (live.device() != null) {
            if (tui()) {
                return TuiRunner.live(live, capture, protocol, output, err);
            }
            return LiveCapture.run(live, capture, protocol, output, verbose, stats, out, err);
        }
        if (read != null && live.liveOnlyOptionGiven()) {
            throw CliException.invalidInput("-f, -B and --immediate-mode are for live capture (-i); to choose what a file shows, use -Y");
        }
        if (read == null) {
            spec.commandLine().getErr().println(NAME + ": nothing to read: give -r FILE, -i IFACE, or a command such as decode");
            spec.commandLine().getErr().println("Try '" + NAME + " --help' for more information.");
            return ExitCodes.USAGE;
        }
        if (tui()) {
            return TuiRunner.run(read, capture, protocol, output, spec.commandLine().getErr());
        }
        return ReadCapture.run(read, capture, protocol, output, verbose, stats, spec.commandLine().getOut(),
                rawOut, spec.commandLine().getErr());
    }

    /** The terminal UI for -r or -i: see {@link OutputOptions#tui}. */
    private boolean tui() {
        boolean lines = verbose || stats || capture.writeTo() != null || capture.count() != Long.MAX_VALUE;
        return output.tui(terminal, lines);
    }

    /** Whether stdin and stdout are a terminal: subcommands (proxy) open the UI by default then too. */
    boolean terminal() {
        return terminal;
    }

    /** The command line with its streams; tests pass their own, {@link #main} the process's. */
    public static CommandLine commandLine(InputStream stdin, PrintWriter out, PrintWriter err) {
        return commandLine(stdin, out, null, err, false);
    }

    /**
     * What {@link #main} does with the arguments, on the given streams; returns the exit code.
     *
     * <p>Most runs ({@code -r}, {@code -i}, {@code --version}) never reach a subcommand, yet
     * picocli builds the model of every registered one reflectively up front: ~25 ms of a start
     * (bench/README.md). So the top command is first built alone, and the full model (with
     * decode, proxy and help) is built and run instead whenever the alone one could behave
     * differently: an argument names a subcommand or an @file, the arguments do not parse, or
     * usage help is asked for. Nothing has run by then (parsing only sets fields of the discarded
     * option objects), so the output is the full model's, byte for byte.
     */
    static int run(String[] args, InputStream stdin, PrintWriter out, OutputStream rawOut, PrintWriter err,
                   boolean terminal) {
        if (!mayReachSubcommand(args)) {
            CommandLine alone = build(stdin, out, rawOut, err, terminal, false);
            TopAlone strategy = new TopAlone();
            alone.setExecutionStrategy(strategy);
            alone.setParameterExceptionHandler(strategy);
            int code = alone.execute(args);
            if (code != TopAlone.NEEDS_SUBCOMMANDS) {
                return code;
            }
        }
        return commandLine(stdin, out, rawOut, err, terminal).execute(args);
    }

    /** The names the full model adds, and the @file expansion that could produce them. */
    private static boolean mayReachSubcommand(String[] args) {
        for (String a : args) {
            if (a.equals("decode") || a.equals("proxy") || a.equals("help") || a.startsWith("@")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs the top command built alone, or answers {@link #NEEDS_SUBCOMMANDS} before anything is
     * printed when the full model must answer instead: for usage help (it lists the subcommands),
     * and for a command line that does not parse (its message comes from the full model). A
     * ParameterException thrown once the command runs is reported as the full model would.
     */
    private static final class TopAlone implements CommandLine.IExecutionStrategy,
            CommandLine.IParameterExceptionHandler {
        /** Not an exit code: exit codes are 0-255. */
        static final int NEEDS_SUBCOMMANDS = Integer.MIN_VALUE;

        private boolean running;

        @Override
        public int execute(CommandLine.ParseResult parseResult) {
            if (parseResult.isUsageHelpRequested()) {
                return NEEDS_SUBCOMMANDS;
            }
            running = true;
            return new CommandLine.RunLast().execute(parseResult);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) throws Exception {
            return running ? ExitCodes.USAGE_ERRORS.handleParseException(ex, args) : NEEDS_SUBCOMMANDS;
        }
    }

    /**
     * @param rawOut   the stream {@code out} writes to, or null: JSON lines go there as bytes, without a detour through chars
     * @param terminal stdin and stdout are a terminal, so -r opens the terminal UI by default
     */
    static CommandLine commandLine(InputStream stdin, PrintWriter out, OutputStream rawOut, PrintWriter err,
                                   boolean terminal) {
        return build(stdin, out, rawOut, err, terminal, true);
    }

    private static CommandLine build(InputStream stdin, PrintWriter out, OutputStream rawOut, PrintWriter err,
                                     boolean terminal, boolean subcommands) {
        skipUnusedConverters();
        Main main = new Main(terminal);
        main.rawOut = rawOut;
        CommandLine cl = new CommandLine(main, new Factory(stdin));
        if (subcommands) {
            // before the settings below: picocli applies them to the subcommands present at the time
            cl.addSubcommand(DecodeCommand.class);
            cl.addSubcommand(ProxyCommand.class);
            cl.addSubcommand(CommandLine.HelpCommand.class);
            cl.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, Main::optionList);
        }
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        ExitCodes.install(cl);
        return cl;
    }

    /**
     * The options declared on methods of {@link CaptureOptions}, in the order the usage lists them.
     * picocli lists them in the order {@code Class.getDeclaredMethods} gives, which the JVM leaves
     * unspecified (HotSpot sorts by where each name sits in its symbol table, so it depends on which
     * classes were loaded before): {@code mqttsniff help} printed three different orders in six runs.
     */
    static final List<String> CAPTURE_METHOD_OPTIONS =
            List.of("--max-connections", "--port", "--max-conn-buffer", "--max-buffer");

    /** picocli's option list, with {@link #CAPTURE_METHOD_OPTIONS} in their fixed order in the places they hold. */
    static String optionList(CommandLine.Help help) {
        List<OptionSpec> options = new ArrayList<>();
        for (OptionSpec o : help.commandSpec().options()) {
            // what picocli's own list leaves out; this command has neither
            if (!o.hidden() && o.group() == null) {
                options.add(o);
            }
        }
        List<Integer> slots = new ArrayList<>();
        OptionSpec[] pinned = new OptionSpec[CAPTURE_METHOD_OPTIONS.size()];
        for (int i = 0; i < options.size(); i++) {
            int rank = CAPTURE_METHOD_OPTIONS.indexOf(options.get(i).longestName());
            if (rank >= 0) {
                slots.add(i);
                pinned[rank] = options.get(i);
            }
        }
        if (slots.size() == pinned.length) {
            for (int k = 0; k < pinned.length; k++) {
                options.set(slots.get(k), pinned[k]);
            }
        }
        return help.optionListExcludingGroups(options) + help.optionListGroupSections();
    }

    /**
     * picocli registers a converter for each java.sql and java.time type it knows, loading and
     * initialising those classes (DateTimeFormatter's statics, the java.sql module) on every start:
     * ~10 ms of the ~0.2 s before a capture is opened. No option here has such a type. A value the
     * user set with -D is kept.
     */
    private static void skipUnusedConverters() {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, "java.sql.*,java.time.*");
        }
    }

    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    public static void main(String[] args) {
        // JSON is UTF-8 (RFC 8259 §8.1) whatever the platform charset says
        // straight to file descriptor 1 through one large buffer: System.out flushes on every write
        OutputStream stdout = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8),
                1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // Java 17: a console exists only when neither stdin nor stdout is redirected
        int code = run(args, System.in, out, stdout, err, System.console() != null);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Gives commands that read stdin the stream to read, so tests can feed them. */
    private record Factory(InputStream stdin) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == DecodeCommand.class) {
                return cls.cast(new DecodeCommand(stdin));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
