package org.mqttsniff.tui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.Disconnect;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.PubComp;
import org.mqttsniff.mqtt.PubRec;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.Subscription;
import org.mqttsniff.mqtt.Unsubscribe;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

/**
 * What the clients view says of each connection beyond the statistics: its state, keep-alive,
 * subscriptions, QoS 1 and 2 messages in flight and warnings. Kept up to date as events arrive
 * (on the source's thread, under the store's lock), so the view never walks the rows. Bounded:
 * {@link #MAX_CONNECTIONS} connections, {@link #MAX_SUBSCRIPTIONS} filters and
 * {@link #MAX_IN_FLIGHT} packet ids per connection and direction; past them, counts say what was
 * not kept.
 */
final class ClientStates {
    static final int MAX_CONNECTIONS = 100_000;
    static final int MAX_SUBSCRIPTIONS = 1_000;
    static final int MAX_IN_FLIGHT = 65_535;

    /** One connection as the clients view shows it; a copy, safe to read on the UI thread. */
    record Info(String state, int keepAlive, List<String> subscriptions, int subscriptionsNotKept, int inFlightToBroker,
                int inFlightFromBroker, long warnings, String lastWarning) {
        static final Info UNKNOWN = new Info("", -1, List.of(), 0, 0, 0, 0, "");

        /** Messages in flight both ways. */
        int inFlight() {
            return inFlightToBroker + inFlightFromBroker;
        }
    }

    private static final class State {
        String state = "open";
        /** The MQTT session ended before TCP did (DISCONNECT, or a refused CONNACK): the close only adds how. */
        boolean ended;
        int keepAlive = -1;
        final LinkedHashSet<String> subscriptions = new LinkedHashSet<>();
        int subscriptionsNotKept;
        final Set<Integer> toBroker = new HashSet<>();
        final Set<Integer> fromBroker = new HashSet<>();
        long warnings;
        String lastWarning = "";
    }

    private final Map<Integer, State> states = new HashMap<>();
    private long notTracked;

    void offer(SnifferEvent e) {
        State s = states.get(e.stream());
        if (s == null) {
            if (states.size() >= MAX_CONNECTIONS) {
                notTracked++;
                return;
            }
            s = new State();
            states.put(e.stream(), s);
        }
        if (e instanceof SnifferEvent.Packet p) {
            if (!p.warnings().isEmpty()) {
                s.warnings += p.warnings().size();
                s.lastWarning = p.warnings().get(p.warnings().size() - 1);
            }
            if (p.result() instanceof DecodeResult.Decoded d) {
                packet(s, d.packet(), p.dir());
            }
        } else if (e instanceof SnifferEvent.Warning w) {
            s.warnings++;
            s.lastWarning = w.message();
        } else if (e instanceof SnifferEvent.Close c) {
            s.state = s.ended ? s.state + ", " + c.reason() : "closed: " + c.reason();
        }
    }

    private static void packet(State s, MqttPacket packet, Direction dir) {
        boolean c2s = dir == Direction.C2S;
        if (packet instanceof Connect c) {
            s.keepAlive = c.keepAlive();
            s.state = "connecting";
            s.ended = false;
        } else if (packet instanceof ConnAck a) {
            s.state = a.reasonCode() == 0 ? "connected" : String.format("refused 0x%02X", a.reasonCode());
            s.ended = a.reasonCode() != 0;
        } else if (packet instanceof Disconnect) {
            s.ended = true;
            s.state = c2s ? "disconnected" : "disconnected by broker";
        } else if (packet instanceof Subscribe sub) {
            for (Subscription f : sub.subscriptions()) {
                if (s.subscriptions.contains(f.filter())) {
                    continue;
                }
                if (s.subscriptions.size() < MAX_SUBSCRIPTIONS) {
                    s.subscriptions.add(f.filter());
                } else {
                    s.subscriptionsNotKept++;
                }
            }
        } else if (packet instanceof Unsubscribe u) {
            u.filters().forEach(s.subscriptions::remove);
        } else if (packet instanceof Publish pub && pub.qos() > 0) {
            Set<Integer> ids = c2s ? s.toBroker : s.fromBroker;
            if (ids.size() < MAX_IN_FLIGHT) {
                ids.add(pub.packetId());
            }
        } else if (packet instanceof PubAck a) {
            // the acknowledgement goes the other way from its PUBLISH
            (c2s ? s.fromBroker : s.toBroker).remove(a.packetId());
        } else if (packet instanceof PubRec r && r.reasonCode() >= 0x80) {
            (c2s ? s.fromBroker : s.toBroker).remove(r.packetId()); // refused: the flow ends here
        } else if (packet instanceof PubComp c) {
            // PUBCOMP goes the way of the PUBREC, back to the PUBLISH's sender
            (c2s ? s.fromBroker : s.toBroker).remove(c.packetId());
        }
    }

    /** What is known of a connection, or {@link Info#UNKNOWN}. */
    Info info(int stream) {
        State s = states.get(stream);
        if (s == null) {
            return Info.UNKNOWN;
        }
        return new Info(s.state, s.keepAlive, List.copyOf(new ArrayList<>(s.subscriptions)), s.subscriptionsNotKept,
                s.toBroker.size(), s.fromBroker.size(), s.warnings, s.lastWarning);
    }

    /** Events of connections past {@link #MAX_CONNECTIONS}, not tracked. */
    long notTracked() {
        return notTracked;
    }
}
