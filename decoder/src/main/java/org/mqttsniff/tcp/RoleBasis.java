package org.mqttsniff.tcp;

/** How the assembler decided which side of a connection is the client. */
public enum RoleBasis {
    /** Seen in the handshake: the SYN sender is the client, the SYN+ACK sender the server. */
    SYN,
    /** No handshake seen; exactly one side uses a server port (e.g. 1883), so the other is the client. */
    PORT,
    /** No handshake and no telling port: the side with the higher port is taken as the client. May be wrong. */
    GUESS
}
