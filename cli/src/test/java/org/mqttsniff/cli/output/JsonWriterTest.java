package org.mqttsniff.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void escapes_what_rfc_8259_requires_and_leaves_other_text_alone() {
        String s = new JsonWriter().value("q\" b\\ n\n r\r t\t b\b f\f nul\u0000 us\u001f del\u007f é 😀 /").toString();
        assertThat(s).isEqualTo("\"q\\\" b\\\\ n\\n r\\r t\\t b\\b f\\f nul\\u0000 us\\u001f del\\u007f é 😀 /\"");
    }

    @Test
    void lone_surrogates_are_escaped_because_utf_8_cannot_carry_them() {
        assertThat(new JsonWriter().value("a\ud800b\udc00").toString()).isEqualTo("\"a\\ud800b\\udc00\"");
    }

    @Test
    void commas_go_between_members_and_elements_at_every_depth() {
        JsonWriter w = new JsonWriter().beginObject()
                .field("a", 1).field("b", true)
                .name("c").beginArray().value("x").beginArray().endArray().beginObject().endObject().value(-2).endArray()
                .name("d").beginObject().field("e", "f").endObject()
                .endObject();
        assertThat(w.toString()).isEqualTo("{\"a\":1,\"b\":true,\"c\":[\"x\",[],{},-2],\"d\":{\"e\":\"f\"}}");
    }

    @Test
    void unbalanced_use_is_a_programming_error() {
        assertThatThrownBy(() -> new JsonWriter().endObject()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").name("b"))
                .isInstanceOf(IllegalStateException.class);
    }
}
