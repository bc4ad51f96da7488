package org.mqttsniff.cli.output;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

import org.mqttsniff.net.Endpoint;
import org.mqttsniff.session.SnifferEvent;
import org.mqttsniff.session.Summary;

/**
 * {@code -T text}: one line per event, like tshark's one-line view: frame number, seconds since
 * the first frame, endpoints with an arrow, and what happened. {@code -V} adds the explained
 * field view under each packet.
 */
public final class EventText implements Consumer<SnifferEvent> {
    private final PrintWriter out;
    private final boolean verbose;
    private final TextPacketWriter explainer;
    private long firstTime = Long.MIN_VALUE;

    public EventText(PrintWriter out, RenderOptions options, boolean verbose) {
        this.out = out;
        this.verbose = verbose;
        this.explainer = new TextPacketWriter(out, options);
    }

    /** Times print relative to this (the first frame of the capture); by default the first event's. */
    public void captureStart(long timeNanos) {
        firstTime = timeNanos;
    }

    @Override
    public void accept(SnifferEvent e) {
        if (firstTime == Long.MIN_VALUE) {
            firstTime = e.timeNanos();
        }
        String head = String.format(Locale.ROOT, "%6d %11.6f ", e.frame(), (e.timeNanos() - firstTime) / 1e9);
        if (e instanceof SnifferEvent.Packet p) {
            StringBuilder line = new StringBuilder(head).append(arrow(p.src(), p.dst())).append("  ")
                    .append(Summary.of(p.result(), p.topic(), p.topicAlias()));
            if (p.responseTo().isPresent()) {
                line.append(String.format(Locale.ROOT, "  [answers #%d after %s ms]", p.responseTo().getAsLong(),
                        EventJson.millis(p.latencyNanos().getAsLong())));
            }
            out.println(line);
            for (String w : p.warnings()) {
                out.println("                   warning: " + w);
            }
            if (verbose) {
                explainer.packet(0, p.result());
                out.println();
            }
        } else if (e instanceof SnifferEvent.Open x) {
            out.println(head + arrow(x.client(), x.server()) + "  stream " + x.stream() + " opened (client decided by "
                    + x.roleBasis().toLowerCase(Locale.ROOT) + ")");
        } else if (e instanceof SnifferEvent.Close x) {
            out.println(head + arrow(x.client(), x.server()) + "  stream " + x.stream() + " closed (" + x.reason() + ")");
        } else if (e instanceof SnifferEvent.Gap x) {
            out.println(head + arrow(x.src(), x.dst()) + "  GAP: " + x.lostBytes() + " bytes never captured");
        } else if (e instanceof SnifferEvent.Desync x) {
            out.println(head + arrow(x.src(), x.dst()) + "  DESYNC: skipped " + x.skipped() + " bytes to find a packet"
                    + " start (" + x.detail() + ")");
        } else if (e instanceof SnifferEvent.NotMqtt x) {
            out.println(head + arrow(x.src(), x.dst()) + "  NOT MQTT: " + x.detail());
        } else if (e instanceof SnifferEvent.Warning x) {
            out.println(head + arrow(x.src(), x.dst()) + "  warning: " + x.message());
        }
    }

    private static String arrow(Endpoint src, Endpoint dst) {
        return src + " → " + dst;
    }
}
