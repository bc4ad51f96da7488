package org.mqttsniff.mqtt;

import java.util.ArrayList;
import java.util.List;

/** Records what a {@link StreamDecoder} reports, as values that compare with equals. */
final class EventRecorder implements StreamDecoder.Listener {

    sealed interface Event permits PacketEvent, DesyncEvent {
    }

    record PacketEvent(long offset, DecodeResult result) implements Event {
    }

    record DesyncEvent(long offset, long skipped, String why) implements Event {
    }

    final List<Event> events = new ArrayList<>();

    @Override
    public void packet(long offset, DecodeResult result) {
        events.add(new PacketEvent(offset, result));
    }

    @Override
    public void desync(long offset, long skipped, String why) {
        events.add(new DesyncEvent(offset, skipped, why));
    }

    List<PacketEvent> packets() {
        return events.stream().filter(PacketEvent.class::isInstance).map(PacketEvent.class::cast).toList();
    }

    List<DesyncEvent> desyncs() {
        return events.stream().filter(DesyncEvent.class::isInstance).map(DesyncEvent.class::cast).toList();
    }
}
