package io.assisthost.host.fuzz;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** The bad values {@link BadBodies} puts into a body: wrong types, huge strings, numbers out of range, invalid UTF-8, deep nesting. */
final class BadValues {

    private BadValues() {
    }


    /** Values of any JSON type other than {@code value}'s, never {@code null}. */
    static Arbitrary<Object> wrongType(Object value) {
        List<Object> candidates = new ArrayList<>();
        if (!(value instanceof String)) {
            candidates.addAll(List.of("x", "5", "true", "null"));
        }
        if (!(value instanceof Number)) {
            candidates.addAll(List.of(42, -1.5, 0));
        }
        if (!(value instanceof Boolean)) {
            candidates.addAll(List.of(true, false));
        }
        if (!(value instanceof JsonArray)) {
            candidates.addAll(List.of(new JsonArray(), new JsonArray().add("x").add(1)));
        }
        if (!(value instanceof JsonObject)) {
            candidates.addAll(List.of(new JsonObject(), new JsonObject().put("x", 1)));
        }
        return Arbitraries.of(candidates).map(candidate -> candidate instanceof JsonObject object ? object.copy()
                : candidate instanceof JsonArray array ? array.copy() : candidate);
    }

    static Arbitrary<Object> scalars() {
        return Arbitraries.of("x", 1, true, new JsonObject(), new JsonArray());
    }

    static Arbitrary<String> hugeStrings() {
        return Combinators.combine(Arbitraries.integers().between(1 << 20, 2 << 20), Arbitraries.of('a', ' ', '<', '7', 'Z'))
                .as((length, c) -> String.valueOf(c).repeat(length)).withoutEdgeCases();
    }

    /** Numbers outside a range, as JSON text and as the bus value nearest to it. */
    static Arbitrary<Map.Entry<String, Object>> outside(BadBodies.Range range) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (range.whole()) {
            values.put(Long.toString((long) range.min() - 1), (long) range.min() - 1);
            values.put(Long.toString((long) range.max() + 1), (long) range.max() + 1);
            values.put(range.min() + 0.5 + "", range.min() + 0.5);
            BigInteger wrapped = BigInteger.ONE.shiftLeft(64).add(BigInteger.valueOf((long) range.min()));
            values.put(wrapped.toString(), wrapped);
            BigInteger wrappedInt = BigInteger.ONE.shiftLeft(32).add(BigInteger.valueOf((long) range.min()));
            if (wrappedInt.doubleValue() > range.max()) {
                values.put(wrappedInt.toString(), wrappedInt.longValue());
            }
        } else {
            values.put(Double.toString(range.min() - 0.001), range.min() - 0.001);
            values.put(Double.toString(range.max() + 0.001), range.max() + 0.001);
        }
        values.put("-1000000000", -1_000_000_000L);
        values.put("1000000000000", 1_000_000_000_000L);
        values.put("1.0E308", 1e308);
        values.put("-1.0E308", -1e308);
        values.put("1E+400", Double.POSITIVE_INFINITY);
        values.put("-1E+400", Double.NEGATIVE_INFINITY);
        values.put("9223372036854775808", new BigInteger("9223372036854775808"));
        values.put("1" + "0".repeat(400), new BigDecimal("1" + "0".repeat(400)));
        values.entrySet().removeIf(entry -> entry.getValue() instanceof Number number
                && number.doubleValue() >= range.min() && number.doubleValue() <= range.max()
                && (!range.whole() || number.doubleValue() == Math.rint(number.doubleValue())) && !(number instanceof BigInteger));
        return Arbitraries.of(List.copyOf(values.entrySet()));
    }

    static Arbitrary<byte[]> invalidUtf8() {
        return Arbitraries.of(
                new byte[] {(byte) 0xC3, 0x28},                       // a lead byte without its continuation
                new byte[] {(byte) 0xFF},                             // never valid
                new byte[] {(byte) 0xFE, (byte) 0xFF},                // a UTF-16 byte-order mark
                new byte[] {(byte) 0xC0, (byte) 0xAF},                // overlong '/'
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},   // an encoded surrogate
                new byte[] {(byte) 0xE2, (byte) 0x82},                // a truncated sequence
                new byte[] {(byte) 0x80},                             // a lone continuation byte
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}); // past U+10FFFF
    }

    static byte[] quoted(byte[] bytes) {
        return Buffer.buffer().appendString("\"x").appendBytes(bytes).appendString("y\"").getBytes();
    }

    static String nested(int depth, boolean arrays) {
        StringBuilder text = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            text.append(arrays ? "[" : "{\"a\":");
        }
        text.append(arrays ? "" : "1");
        for (int i = 0; i < depth; i++) {
            text.append(arrays ? ']' : '}');
        }
        return text.toString();
    }

    static Object nestedTree(int depth, boolean arrays) {
        Object value = arrays ? new JsonArray() : 1;
        for (int i = 0; i < depth - (arrays ? 1 : 0); i++) {
            value = arrays ? new JsonArray().add(value) : new JsonObject().put("a", value);
        }
        return value;
    }

    static String hex(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 24); i++) {
            hex.append(String.format("%02X", bytes[i]));
        }
        return hex + (bytes.length > 24 ? "…" : "");
    }

    static String typeName(Object value) {
        return value == null ? "null" : value instanceof String text ? "string \"" + text + "\""
                : value.getClass().getSimpleName() + " " + value;
    }
}
