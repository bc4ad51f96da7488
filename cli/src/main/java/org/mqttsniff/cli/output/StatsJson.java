package org.mqttsniff.cli.output;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.mqttsniff.stats.StatsSnapshot;
import org.mqttsniff.stats.StatsSnapshot.ClientRow;
import org.mqttsniff.stats.StatsSnapshot.ConnectionRow;
import org.mqttsniff.stats.StatsSnapshot.Count;
import org.mqttsniff.stats.StatsSnapshot.LatencyRow;
import org.mqttsniff.stats.StatsSnapshot.TopicRow;
import org.mqttsniff.stats.StatsSnapshot.TypeRow;

/**
 * {@code -z -T json}: the summary as one line {@code {"event":"stats",...}}, so a script that reads
 * the event lines reads it the same way. Part of the JSON contract: keys are added, never renamed.
 * Times in ms (microsecond precision), sizes in bytes.
 */
public final class StatsJson {
    private StatsJson() {
    }

    public static String line(StatsSnapshot s) {
        JsonWriter w = new JsonWriter().beginObject();
        w.field("event", "stats");
        w.name("durationMs").rawNumber(EventJson.millis(s.durationNanos()));
        w.field("packets", s.packets()).field("bytes", s.bytes());

        w.name("types").beginArray();
        for (TypeRow t : s.types()) {
            w.beginObject().field("type", t.type()).field("packets", t.packets()).field("bytes", t.bytes()).endObject();
        }
        w.endArray();

        w.name("connections").beginArray();
        for (ConnectionRow c : s.connections()) {
            w.beginObject().field("stream", c.stream()).field("client", c.client().toString())
                    .field("server", c.server().toString());
            if (!c.clientId().isEmpty()) {
                w.field("clientId", c.clientId());
            }
            if (!c.version().isEmpty()) {
                w.field("version", c.version());
            }
            w.field("packets", c.packets()).field("bytes", c.bytes());
            w.name("durationMs").rawNumber(EventJson.millis(c.durationNanos()));
            if (!c.closeReason().isEmpty()) {
                w.field("closeReason", c.closeReason());
            }
            w.endObject();
        }
        w.endArray();

        w.name("clients").beginArray();
        for (ClientRow c : s.clients()) {
            w.beginObject().field("clientId", c.clientId()).field("connections", c.connections())
                    .field("packets", c.packets()).field("bytes", c.bytes()).endObject();
        }
        w.endArray();

        w.name("topics").beginArray();
        for (TopicRow t : s.topics()) {
            w.beginObject().field("topic", t.topic()).field("messages", t.messages()).field("toBroker", t.toBroker())
                    .field("fromBroker", t.fromBroker()).field("payloadBytes", t.payloadBytes());
            if (!Double.isNaN(t.ratePerSecond())) {
                w.name("ratePerSecond").rawNumber(BigDecimal.valueOf(t.ratePerSecond())
                        .setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString());
            }
            w.endObject();
        }
        w.endArray();

        // past the tracking limit: connections exactly, client ids and topics estimated
        w.name("notShown").beginObject().field("connections", s.connectionsNotShown())
                .field("clients", s.clientsNotShown().about()).field("clientPackets", s.clientsNotShown().packets())
                .field("topics", s.topicsNotShown().about()).field("topicMessages", s.topicsNotShown().packets())
                .endObject();

        w.name("latencies").beginArray();
        for (LatencyRow l : s.latencies()) {
            w.beginObject().field("request", l.request()).field("response", l.response()).field("count", l.count());
            w.name("minMs").rawNumber(EventJson.millis(l.min()));
            w.name("medianMs").rawNumber(EventJson.millis(l.median()));
            w.name("p99Ms").rawNumber(EventJson.millis(l.p99()));
            w.name("maxMs").rawNumber(EventJson.millis(l.max()));
            w.endObject();
        }
        w.endArray();

        StatsSnapshot.Flows f = s.flows();
        w.name("flows").beginObject().field("completed", f.completed()).field("completedQos1", f.completedQos1())
                .field("completedQos2", f.completedQos2()).field("incomplete", f.incomplete()).endObject();

        w.name("malformed").beginObject().field("packets", s.malformed()).name("byReason").beginObject();
        for (Count c : s.malformedByReason()) {
            w.field(c.key(), c.count());
        }
        w.endObject().endObject();
        w.name("warnings").beginObject().field("count", s.warnings()).name("byKind").beginObject();
        for (Count c : s.warningsByKind()) {
            w.field(c.key(), c.count());
        }
        w.endObject().endObject();
        w.name("gaps").beginObject().field("count", s.gaps()).field("lostBytes", s.gapBytes()).endObject();
        w.name("desyncs").beginObject().field("count", s.desyncs()).field("skippedBytes", s.desyncBytes()).endObject();
        w.field("notMqtt", s.notMqtt());
        return w.endObject().toString();
    }
}
