package org.mqttsniff.cli.output;

import org.mqttsniff.cli.output.JsonWriter.Key;

/**
 * The member names of {@code -T json} (a public contract: added, never renamed or dropped), each
 * encoded once: every line names a dozen of them, and a looked-up String key costs a hash each time.
 */
final class JsonKeys {
    static final Key CLEAN_START = Key.of("cleanStart");
    static final Key CLIENT = Key.of("client");
    static final Key CLIENT_ID = Key.of("clientId");
    static final Key CLOSE_REASON = Key.of("closeReason");
    static final Key DETAIL = Key.of("detail");
    static final Key DIR = Key.of("dir");
    static final Key DST = Key.of("dst");
    static final Key DUP = Key.of("dup");
    static final Key EVENT = Key.of("event");
    static final Key FILTER = Key.of("filter");
    static final Key FILTERS = Key.of("filters");
    static final Key FRAME = Key.of("frame");
    static final Key ID = Key.of("id");
    static final Key KEEP_ALIVE = Key.of("keepAlive");
    static final Key LATENCY_MS = Key.of("latencyMs");
    static final Key LENGTH = Key.of("length");
    static final Key LOST_BYTES = Key.of("lostBytes");
    static final Key MALFORMED = Key.of("malformed");
    static final Key NO_LOCAL = Key.of("noLocal");
    static final Key OFFSET = Key.of("offset");
    static final Key OPEN_FLOWS = Key.of("openFlows");
    static final Key PASSWORD = Key.of("password");
    static final Key PAYLOAD = Key.of("payload");
    static final Key PAYLOAD_HEX = Key.of("payloadHex");
    static final Key PAYLOAD_SIZE = Key.of("payloadSize");
    static final Key PAYLOAD_TRUNCATED = Key.of("payloadTruncated");
    static final Key PROPERTIES = Key.of("properties");
    static final Key PROTOCOL_NAME = Key.of("protocolName");
    static final Key QOS = Key.of("qos");
    static final Key RAW_HEX = Key.of("rawHex");
    static final Key REASON = Key.of("reason");
    static final Key REASON_CODE = Key.of("reasonCode");
    static final Key REASON_CODES = Key.of("reasonCodes");
    static final Key REASONS = Key.of("reasons");
    static final Key RESPONSE_TO = Key.of("responseTo");
    static final Key RETAIN = Key.of("retain");
    static final Key RETAIN_AS_PUBLISHED = Key.of("retainAsPublished");
    static final Key RETAIN_HANDLING = Key.of("retainHandling");
    static final Key ROLE_BASIS = Key.of("roleBasis");
    static final Key SESSION_PRESENT = Key.of("sessionPresent");
    static final Key SKIPPED = Key.of("skipped");
    static final Key SRC = Key.of("src");
    static final Key STREAM = Key.of("stream");
    static final Key SUBSCRIPTIONS = Key.of("subscriptions");
    static final Key TIME = Key.of("time");
    static final Key TOPIC = Key.of("topic");
    static final Key TOPIC_ALIAS = Key.of("topicAlias");
    static final Key TYPE = Key.of("type");
    static final Key USER_PROPERTIES = Key.of("userProperties");
    static final Key USERNAME = Key.of("username");
    static final Key VERSION = Key.of("version");
    static final Key WARNINGS = Key.of("warnings");
    static final Key WILL = Key.of("will");

    private JsonKeys() {
    }
}
