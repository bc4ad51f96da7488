package org.mqttsniff.cli.output;

/**
 * What every packet renderer needs to know from the command line.
 *
 * @param maxPayload payload bytes printed per message; the size is always given in full
 */
public record RenderOptions(boolean showSecrets, int maxPayload) {
    public static final RenderOptions DEFAULT = new RenderOptions(false, 256);
}
