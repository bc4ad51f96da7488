package org.mqttsniff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

import org.mqttsniff.cli.input.HexInput;
import org.mqttsniff.cli.options.OutputOptions;
import org.mqttsniff.cli.options.ProtocolOptions;
import org.mqttsniff.cli.output.JsonPacketWriter;
import org.mqttsniff.cli.output.TextPacketWriter;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.StreamDecoder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mqttsniff decode HEX...}: packets typed or pasted as hex, decoded as one stream in one
 * direction, so several packets back to back are framed as a broker would frame them and a
 * CONNECT sets the version for what follows.
 */
@Command(name = "decode",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Decode MQTT packets given as hex and explain every field.",
            "Arguments are concatenated and may hold several packets back to back; spaces are allowed inside "
                    + "an argument. '-' reads hex from stdin, where '#' starts a comment to the end of the line."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  mqttsniff decode 30 0d 00 08 73 65 6e 73 6f 72 2f 31 68 69 21",
            "  mqttsniff decode -T json --mqtt-version 5 '40 02 00 01'",
            "  mqttsniff decode - < samples/decode/session-v5.hex"})
final class DecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProtocolOptions protocol;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "HEX",
            description = "Packet bytes in hex, or '-' to read hex from stdin.")
    List<String> hex;

    private final InputStream stdin;

    DecodeCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        if (output.format() == OutputOptions.Format.tui) {
            throw CliException.invalidInput("decode has no terminal UI: use -T text or -T json");
        }
        byte[] bytes = readHex();
        if (bytes.length == 0) {
            throw CliException.invalidInput("no hex bytes given: pass packets as hex arguments, or '-' to read stdin");
        }
        PrintWriter out = spec.commandLine().getOut();
        StreamDecoder.Listener sink = output.format() == OutputOptions.Format.json
                ? new JsonPacketWriter(out, output.render())
                : new TextPacketWriter(out, output.render());
        MalformedCounter counter = new MalformedCounter(sink);
        StreamDecoder decoder = new StreamDecoder(protocol.versionState(), protocol.maxPacketSize(), counter);
        decoder.feed(bytes);
        decoder.finish();
        out.flush();
        return counter.bad ? ExitCodes.MALFORMED : ExitCodes.OK;
    }

    private byte[] readHex() {
        HexInput in = new HexInput();
        boolean stdinRead = false;
        for (int i = 0; i < hex.size(); i++) {
            String arg = hex.get(i);
            if (arg.equals("-")) {
                if (stdinRead) {
                    throw CliException.invalidInput("'-' given twice: stdin can be read only once");
                }
                stdinRead = true;
                in.file(readStdin(), "stdin");
            } else {
                in.argument(arg, i + 1);
            }
        }
        return in.bytes();
    }

    private String readStdin() {
        try {
            // comments may be in any language; malformed UTF-8 there is replaced, not fatal
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading stdin", e);
        }
    }

    /** Remembers whether anything was wrong, for the exit code, and passes everything on. */
    private static final class MalformedCounter implements StreamDecoder.Listener {
        private final StreamDecoder.Listener next;
        boolean bad;

        MalformedCounter(StreamDecoder.Listener next) {
            this.next = next;
        }

        @Override
        public void packet(long offset, DecodeResult result) {
            bad |= result instanceof DecodeResult.Malformed;
            next.packet(offset, result);
        }

        @Override
        public void desync(long offset, long skipped, String why) {
            bad = true;
            next.desync(offset, skipped, why);
        }
    }
}
