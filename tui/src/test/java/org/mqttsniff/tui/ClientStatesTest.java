package org.mqttsniff.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;
import org.mqttsniff.mqtt.ConnAck;
import org.mqttsniff.mqtt.Connect;
import org.mqttsniff.mqtt.Disconnect;
import org.mqttsniff.mqtt.MqttPacket;
import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.PubAck;
import org.mqttsniff.mqtt.PubComp;
import org.mqttsniff.mqtt.PubRec;
import org.mqttsniff.mqtt.PubRel;
import org.mqttsniff.mqtt.Publish;
import org.mqttsniff.mqtt.Subscribe;
import org.mqttsniff.mqtt.Subscription;
import org.mqttsniff.mqtt.Unsubscribe;
import org.mqttsniff.session.Direction;
import org.mqttsniff.session.SnifferEvent;

class ClientStatesTest {
    private final ClientStates states = new ClientStates();
    private long frame;

    private void c2s(MqttPacket p) {
        states.offer(event(Direction.C2S, p));
    }

    private void s2c(MqttPacket p) {
        states.offer(event(Direction.S2C, p));
    }

    /** The packet as decoded, whatever version it needs (5.0 reason codes): the model reads only the packet. */
    private SnifferEvent.Packet event(Direction dir, MqttPacket p) {
        frame++;
        return new SnifferEvent.Packet(frame, Events.T0 + frame, 0, dir == Direction.C2S ? Events.CLIENT : Events.BROKER,
                dir == Direction.C2S ? Events.BROKER : Events.CLIENT, dir,
                new org.mqttsniff.mqtt.DecodeResult.Decoded(p, MqttVersion.V5, ByteSlice.utf8("x")), "",
                java.util.OptionalInt.empty(), java.util.OptionalLong.empty(), java.util.OptionalLong.empty(), "c",
                List.of());
    }

    private static Publish publish(int qos, int id) {
        return new Publish(qos, "t", id, ByteSlice.utf8("x"));
    }

    @Test
    void follows_state_keep_alive_and_subscriptions() {
        assertThat(states.info(0)).isEqualTo(ClientStates.Info.UNKNOWN);
        states.offer(Events.open(++frame, 0));
        assertThat(states.info(0).state()).isEqualTo("open");
        c2s(new Connect(MqttVersion.V5, true, 45, "c"));
        assertThat(states.info(0).state()).isEqualTo("connecting");
        assertThat(states.info(0).keepAlive()).isEqualTo(45);
        s2c(new ConnAck(false, 0x87, org.mqttsniff.mqtt.Properties.EMPTY));
        assertThat(states.info(0).state()).isEqualTo("refused 0x87");
        c2s(new Connect(MqttVersion.V5, true, 0, "c"));
        s2c(new ConnAck(false, 0, org.mqttsniff.mqtt.Properties.EMPTY));
        assertThat(states.info(0).state()).isEqualTo("connected");
        assertThat(states.info(0).keepAlive()).isZero();

        c2s(new Subscribe(1, List.of(new Subscription("a/#", 1), new Subscription("b/+", 0))));
        c2s(new Subscribe(2, List.of(new Subscription("a/#", 2), new Subscription("c", 0))));
        c2s(new Unsubscribe(3, List.of("b/+", "never")));
        assertThat(states.info(0).subscriptions()).containsExactly("a/#", "c");

        c2s(new Disconnect());
        states.offer(new SnifferEvent.Close(++frame, Events.T0, 0, Events.CLIENT, Events.BROKER, "fin"));
        assertThat(states.info(0).state()).isEqualTo("disconnected, fin");
        states.offer(Events.open(++frame, 1));
        states.offer(new SnifferEvent.Close(++frame, Events.T0, 1, Events.CLIENT, Events.BROKER, "rst"));
        assertThat(states.info(1).state()).isEqualTo("closed: rst");
    }

    @Test
    void counts_qos_1_and_2_messages_until_their_flow_ends_each_way() {
        c2s(publish(1, 1));          // to the broker, waiting for PUBACK
        c2s(publish(2, 2));          // to the broker, QoS 2
        s2c(publish(1, 7));          // from the broker
        c2s(publish(0, 0));          // QoS 0: never in flight
        ClientStates.Info i = states.info(0);
        assertThat(i.inFlightToBroker()).isEqualTo(2);
        assertThat(i.inFlightFromBroker()).isEqualTo(1);

        s2c(new PubAck(1, 0, org.mqttsniff.mqtt.Properties.EMPTY));
        s2c(new PubRec(2, 0, org.mqttsniff.mqtt.Properties.EMPTY));
        c2s(new PubRel(2));
        assertThat(states.info(0).inFlightToBroker()).as("QoS 2 goes on until PUBCOMP").isEqualTo(1);
        s2c(new PubComp(2, 0, org.mqttsniff.mqtt.Properties.EMPTY));
        c2s(new PubAck(7, 0, org.mqttsniff.mqtt.Properties.EMPTY));
        assertThat(states.info(0).inFlight()).isZero();

        c2s(publish(2, 3));
        s2c(new PubRec(3, 0x87, org.mqttsniff.mqtt.Properties.EMPTY)); // refused: the flow ends at PUBREC
        assertThat(states.info(0).inFlight()).isZero();
    }

    @Test
    void counts_warnings_and_keeps_the_last() {
        SnifferEvent.Packet plain = Events.packet(1, 0, Direction.C2S, publish(0, 0), "c");
        states.offer(new SnifferEvent.Packet(1, plain.timeNanos(), 0, plain.src(), plain.dst(), plain.dir(),
                plain.result(), "t", java.util.OptionalInt.empty(), java.util.OptionalLong.empty(),
                java.util.OptionalLong.empty(), "c", List.of("packet before CONNECT")));
        states.offer(new SnifferEvent.Warning(2, Events.T0, 0, Events.CLIENT, Events.BROKER, "keep-alive exceeded"));
        assertThat(states.info(0).warnings()).isEqualTo(2);
        assertThat(states.info(0).lastWarning()).isEqualTo("keep-alive exceeded");
    }

    @Test
    void memory_is_bounded_by_subscriptions_and_connections() {
        List<Subscription> many = new ArrayList<>();
        for (int i = 0; i < ClientStates.MAX_SUBSCRIPTIONS + 10; i++) {
            many.add(new Subscription("f/" + i, 0));
        }
        c2s(new Subscribe(1, many));
        assertThat(states.info(0).subscriptions()).hasSize(ClientStates.MAX_SUBSCRIPTIONS);
        assertThat(states.info(0).subscriptionsNotKept()).isEqualTo(10);

        for (int s = 1; s <= ClientStates.MAX_CONNECTIONS + 5; s++) {
            states.offer(Events.open(++frame, s));
        }
        assertThat(states.info(ClientStates.MAX_CONNECTIONS - 1).state()).isEqualTo("open");
        assertThat(states.info(ClientStates.MAX_CONNECTIONS + 5)).isEqualTo(ClientStates.Info.UNKNOWN);
        assertThat(states.notTracked()).isEqualTo(6);
    }
}
