package org.mqttsniff.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The process exit codes, and the one place that turns failures into them. Scripts depend on
 * these numbers, so they never change meaning.
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** The input was read, and at least one packet in it breaks the protocol. */
    public static final int MALFORMED = 1;
    /** Bad command line, or input that is not what the command takes (e.g. invalid hex). */
    public static final int USAGE = 2;
    public static final int CAPTURE_UNAVAILABLE = 3;
    /** A bug or an I/O failure: with --debug the stack trace is printed. */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }

    /** Installs the handlers on the top-level command; picocli hands them to subcommands. */
    static void install(CommandLine cl) {
        cl.setParameterExceptionHandler(USAGE_ERRORS);
        cl.setExecutionExceptionHandler(FAILURES);
    }

    // Classes rather than lambdas: they are installed on every start, where bootstrapping two
    // lambdas costs ~3 ms (class-load log), and neither runs unless something fails.
    static final IParameterExceptionHandler USAGE_ERRORS = new UsageErrors();
    private static final IExecutionExceptionHandler FAILURES = new Failures();

    /** One line saying what is wrong, one line saying where help is: no usage dump, no stack trace. */
    private static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println(Main.NAME + ": " + firstLine(ex.getMessage()));
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
            err.flush();
            return USAGE;
        }
    }

    private static final class Failures implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult pr) {
            PrintWriter err = cl.getErr();
            cl.getOut().flush();
            if (ex instanceof CliException ce) {
                err.println(Main.NAME + ": " + ce.getMessage());
                if (debug(pr)) {
                    ex.printStackTrace(err);
                }
                err.flush();
                return ce.exitCode();
            }
            err.println(Main.NAME + ": internal error: " + ex
                    + (debug(pr) ? "" : " (run again with --debug for details, and please report it)"));
            if (debug(pr)) {
                ex.printStackTrace(err);
            }
            err.flush();
            return INTERNAL;
        }
    }

    /** --debug is inherited by subcommands, so look for it at every level that was matched. */
    private static boolean debug(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null || s.isBlank()) {
            return "invalid command line";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
