package org.mqttsniff.tui;

/**
 * One line of the packet list, as kept in memory; its summary is rebuilt from the packet's bytes.
 *
 * @param id       position in the store (0 is the first event the source gave)
 * @param kind     the MQTT packet type code 0..15, or one of the stream event kinds from 16 on
 * @param clientId the connection's client id when this row happened, "" before its CONNECT
 */
public record Row(long id, long frame, long timeNanos, int stream, int kind, boolean malformed, boolean c2s,
                  boolean warned, long latencyNanos, String clientId) {

    public boolean isPacket() {
        return kind < PacketStore.EVENT_KINDS;
    }
}
