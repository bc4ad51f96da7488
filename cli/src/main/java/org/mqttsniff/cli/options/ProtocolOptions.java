package org.mqttsniff.cli.options;

import org.mqttsniff.mqtt.MqttVersion;
import org.mqttsniff.mqtt.StreamDecoder;
import org.mqttsniff.mqtt.VersionState;
import org.mqttsniff.session.SessionOptions;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** How to frame and read the bytes: the version before a CONNECT says it, and the memory bound. */
public final class ProtocolOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--mqtt-version", paramLabel = "3.1|3.1.1|5", converter = VersionConverter.class,
            description = "Protocol version until a CONNECT says otherwise (default: 3.1.1, or 5.0 when packets"
                    + " only decode as 5.0).")
    MqttVersion version;

    private int maxPacketSize = StreamDecoder.DEFAULT_MAX_PACKET_SIZE;

    @Option(names = "--max-packet-size", paramLabel = "N", defaultValue = "" + StreamDecoder.DEFAULT_MAX_PACKET_SIZE,
            description = "Larger packets are reported as too large and skipped, never buffered (default: ${DEFAULT-VALUE}).")
    void maxPacketSize(int n) {
        // the smallest packet is 2 bytes (MQTT 5.0 §2.1.1), so a lower limit would reject everything
        if (n < 2) {
            throw new ParameterException(mixee.commandLine(), "--max-packet-size must be at least 2, got " + n);
        }
        maxPacketSize = n;
    }

    /** The version state for one connection: the named version is obeyed, the default may be corrected. */
    public VersionState versionState() {
        return version == null ? new VersionState(MqttVersion.V3_1_1, true) : new VersionState(version, false);
    }

    /** How a capture's connections are read: the same version rule as {@link #versionState()}, per connection. */
    public SessionOptions sessionOptions(java.util.function.IntPredicate mqttPort) {
        VersionState v = versionState();
        return new SessionOptions(mqttPort, v.current(), !v.mayInfer(), maxPacketSize);
    }

    public int maxPacketSize() {
        return maxPacketSize;
    }

    static final class VersionConverter implements ITypeConverter<MqttVersion> {
        @Override
        public MqttVersion convert(String value) {
            return MqttVersion.parse(value).orElseThrow(() ->
                    new TypeConversionException("expected 3.1, 3.1.1 or 5, got '" + value + "'"));
        }
    }
}
