package org.mqttsniff.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.mqttsniff.bytes.ByteSlice;

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

    @Test
    void utf8_bytes_come_out_as_the_same_string_would() throws IOException {
        String text = "q\" b\\ n\n r\r t\t b\b f\f nul\u0000 us\u001f del\u007f é ü 😀 €/";
        JsonWriter asBytes = new JsonWriter(4).beginArray().utf8Value(ByteSlice.utf8(text)).utf8Value(ByteSlice.utf8("plain"))
                .endArray().endLine();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        asBytes.writeTo(out);
        String expected = new JsonWriter().beginArray().value(text).value("plain").endArray() + "\n";
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(out.toByteArray()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void numbers_are_written_as_long_toString_writes_them() {
        long[] all = {0, 7, -7, 10, 99, 100, 1_000_000_007L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        JsonWriter w = new JsonWriter().beginArray();
        StringBuilder expected = new StringBuilder("[");
        for (long n : all) {
            w.value(n);
            expected.append(expected.length() > 1 ? "," : "").append(n);
        }
        assertThat(w.endArray().toString()).isEqualTo(expected.append(']').toString());
    }

    @Test
    void milliseconds_are_the_shortest_plain_decimal_of_the_microseconds() {
        long[] nanos = {0, 999, 1000, 20_000, 500_000, 1_000_000, 1_500_000, 1_234_567, 12_000_000_000L, -20_000,
            -1_500_000, -1_000_000, 100_100_000, 3_000_010_000L};
        for (long n : nanos) {
            String bigDecimal = BigDecimal.valueOf(n / 1000).movePointLeft(3).stripTrailingZeros().toPlainString();
            assertThat(EventJson.millis(n)).as("%d ns", n).isEqualTo(bigDecimal);
        }
    }

    @Test
    void fixed_point_numbers_are_what_big_decimal_writes() {
        java.util.Random r = new java.util.Random(3);
        for (int k = 0; k < 20_000; k++) {
            long units = switch (k % 4) {
                case 0 -> r.nextInt(2000) - 1000;
                case 1 -> r.nextInt();
                case 2 -> r.nextLong() / 1000;
                default -> (r.nextInt(100) - 50) * 10L * (1 + r.nextInt(100));
            };
            int scale = 1 + r.nextInt(9);
            String expected = BigDecimal.valueOf(units).movePointLeft(scale).stripTrailingZeros().toPlainString();
            assertThat(new JsonWriter().fixedPoint(units, scale).toString()).as("%d / 10^%d", units, scale)
                    .isEqualTo(expected);
        }
    }

    @Test
    void every_digit_count_is_written_as_long_toString_writes_it() {
        JsonWriter w = new JsonWriter(4).beginArray();
        StringBuilder expected = new StringBuilder("[");
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            for (long n : new long[] {p - 1, p, p + 1, 3 * p + 7, -p, -(p - 1), 9 * p + p - 1}) {
                w.value(n);
                expected.append(expected.length() > 1 ? "," : "").append(n);
            }
        }
        assertThat(w.endArray().toString()).isEqualTo(expected.append(']').toString());
    }

    @Test
    void utf8_escapes_at_either_end_and_many_in_a_row_grow_the_buffer_once_and_right() {
        String[] texts = {"\"", "\"a", "a\"", "\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u007f",
            "{\"t\":21.5,\"u\":\"C\"}", "é\"ü\\😀\n"};
        for (String text : texts) {
            JsonWriter bytes = new JsonWriter(4).beginArray().value(1).utf8Value(ByteSlice.utf8(text)).endArray();
            String expected = new JsonWriter().beginArray().value(1).value(text).endArray().toString();
            assertThat(bytes.toString()).isEqualTo(expected);
        }
    }

    @Test
    void string_values_written_again_and_again_come_out_the_same_as_the_first_time() {
        String[] values = {"PUBLISH", "c2s", "q\"uote\\", "é/ü/😀", new String("PUBLISH"), "", "x".repeat(300)};
        java.util.Random r = new java.util.Random(5);
        JsonWriter w = new JsonWriter(4).beginArray();
        StringBuilder expected = new StringBuilder("[");
        for (int i = 0; i < 2_000; i++) {
            String v = values[r.nextInt(values.length)];
            w.value(v);
            expected.append(i > 0 ? "," : "").append(new JsonWriter().value(v));
        }
        assertThat(w.endArray().toString()).isEqualTo(expected.append(']').toString());
    }

    @Test
    void keys_encoded_once_come_out_as_string_names_do_first_or_not_at_every_depth() {
        JsonWriter.Key a = JsonWriter.Key.of("a");
        JsonWriter.Key odd = JsonWriter.Key.of("q\"é\n");
        JsonWriter keys = new JsonWriter(4).beginObject().field(a, 1).field(odd, "x")
                .name(a).beginObject().field(odd, true).name(a).beginArray().beginObject().field(a, -2).endObject()
                .endArray().endObject().endObject();
        JsonWriter names = new JsonWriter().beginObject().field("a", 1).field("q\"é\n", "x")
                .name("a").beginObject().field("q\"é\n", true).name("a").beginArray().beginObject().field("a", -2)
                .endObject().endArray().endObject().endObject();
        assertThat(keys.toString()).isEqualTo(names.toString())
                .isEqualTo("{\"a\":1,\"q\\\"é\\n\":\"x\",\"a\":{\"q\\\"é\\n\":true,\"a\":[{\"a\":-2}]}}");
        assertThatThrownBy(() -> new JsonWriter().beginObject().name(a).name(a)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void members_copied_from_one_document_go_into_the_next_after_a_member() {
        JsonWriter w = new JsonWriter(4).beginObject().field("a", 1);
        int start = w.length();
        w.field("b", "x").name("c").beginArray().value(2).endArray();
        byte[] members = w.bytesFrom(start);
        assertThat(new String(members, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(",\"b\":\"x\",\"c\":[2]");
        JsonWriter next = new JsonWriter(4).beginObject().field("z", true).members(members).field("d", 3).endObject();
        assertThat(next.toString()).isEqualTo("{\"z\":true,\"b\":\"x\",\"c\":[2],\"d\":3}");
        assertThatThrownBy(() -> new JsonWriter().beginObject().members(members)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").members(members))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void every_ascii_byte_in_utf8_bytes_is_escaped_as_in_a_string_even_when_the_buffer_must_grow_many_times() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            all.append(c).append("é");
        }
        for (String text : new String[] {all.toString(), "x" + all, all.toString().repeat(50)}) {
            JsonWriter bytes = new JsonWriter(4).beginArray().utf8Value(ByteSlice.utf8(text)).utf8Value(ByteSlice.utf8(text))
                    .endArray();
            String expected = new JsonWriter().beginArray().value(text).value(text).endArray().toString();
            assertThat(bytes.toString()).isEqualTo(expected);
        }
    }
}
