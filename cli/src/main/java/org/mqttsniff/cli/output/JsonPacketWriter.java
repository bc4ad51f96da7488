package org.mqttsniff.cli.output;

import java.io.PrintWriter;

import org.mqttsniff.mqtt.DecodeResult;
import org.mqttsniff.mqtt.StreamDecoder;

/** JSON lines: one object per packet, and one per loss of sync so a consumer sees the gap. */
public final class JsonPacketWriter implements StreamDecoder.Listener {
    private final PrintWriter out;
    private final RenderOptions options;

    public JsonPacketWriter(PrintWriter out, RenderOptions options) {
        this.out = out;
        this.options = options;
    }

    @Override
    public void packet(long offset, DecodeResult result) {
        out.println(PacketJson.line(result, options));
    }

    @Override
    public void desync(long offset, long skipped, String why) {
        out.println(new JsonWriter().beginObject()
                .field("event", "desync")
                .field("offset", offset)
                .field("skipped", skipped)
                .field("detail", why)
                .endObject());
    }
}
