package io.assisthost.host.fuzz;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Bad bodies for one JSON request shape: a valid-shaped example with one field mutated (wrong type,
 * {@code null}, missing, unknown, a 1–2 MB string, an out-of-range or NaN-like number, invalid UTF-8,
 * deep nesting), a body of the wrong top-level type, and bodies that are not JSON at all (garbage bytes,
 * truncated or relaxed JSON, nesting past any parser's depth, empty, over the size limit, the wrong
 * Content-Type). Every body it makes is invalid for the shape it was given.
 */
final class BadBodies {

    /** What kind of mistake a body holds; reported per case and used for coverage. */
    enum Kind {
        WRONG_TYPE, NULL_REQUIRED, MISSING_REQUIRED, UNKNOWN_FIELD, HUGE_STRING, OUT_OF_RANGE, NAN_LIKE, INVALID_UTF8,
        DEEP_NESTING, TOP_LEVEL_TYPE, NOT_JSON, EMPTY, OVERSIZED, WRONG_CONTENT_TYPE
    }

    /** Whole numbers from {@code min} to {@code max}, or any number between them. */
    record Range(double min, double max, boolean whole) {
    }

    /**
     * A bad body: JSON text with raw pieces spliced in where the tree holds their placeholders, or raw
     * bytes; {@code contentType} {@code null} sends none.
     */
    record Body(Kind kind, String description, Object tree, Map<String, Raw> raws, Buffer bytes, String contentType) {

        /** The bytes sent over HTTP. */
        Buffer http() {
            if (bytes != null) {
                return bytes;
            }
            String text = tree instanceof JsonObject object ? object.encode()
                    : tree instanceof JsonArray array ? array.encode() : io.vertx.core.json.Json.encode(tree);
            Buffer buffer = Buffer.buffer();
            int from = 0;
            while (true) {
                int next = -1;
                Raw raw = null;
                String found = null;
                for (Map.Entry<String, Raw> entry : raws.entrySet()) {
                    int at = text.indexOf(entry.getKey(), from);
                    if (at >= 0 && (next < 0 || at < next)) {
                        next = at;
                        raw = entry.getValue();
                        found = entry.getKey();
                    }
                }
                if (next < 0) {
                    return buffer.appendString(text.substring(from));
                }
                buffer.appendString(text.substring(from, next)).appendBytes(raw.http());
                from = next + found.length();
            }
        }

        /** The value sent on the event bus: the tree with each raw piece as its closest Java value. */
        Object bus() {
            return raws.isEmpty() ? tree : replaced(tree);
        }

        private Object replaced(Object value) {
            if (value instanceof String text) {
                for (Map.Entry<String, Raw> entry : raws.entrySet()) {
                    if (entry.getKey().equals('"' + text + '"')) {
                        return entry.getValue().bus().get();
                    }
                }
                return text;
            }
            if (value instanceof JsonObject object) {
                JsonObject copy = new JsonObject();
                object.forEach(entry -> copy.put(entry.getKey(), replaced(entry.getValue())));
                return copy;
            }
            if (value instanceof JsonArray array) {
                JsonArray copy = new JsonArray();
                array.forEach(item -> copy.add(replaced(item)));
                return copy;
            }
            return value;
        }

        @Override
        public String toString() {
            return kind + ": " + description;
        }
    }

    /** A piece of the HTTP body that no JSON tree can hold, and its stand-in on the event bus. */
    record Raw(byte[] http, Supplier<Object> bus) {
    }

    /**
     * The deepest structure sent on the bus: local delivery copies a message recursively on the sending
     * thread, so deeper ones overflow the sender's stack before the host sees them.
     */
    static final int MAX_BUS_DEPTH = 500;

    private final JsonObject example;
    private final Set<String> required;
    private final Map<String, Range> ranges;
    private final boolean bodyOptional;
    private final long maxBodyBytes;
    private final List<Kind> kinds;

    /**
     * @param example      a body of the right shape (every optional field present, so each can be mutated)
     * @param required     paths ({@code a.b}, {@code list[].c}) that must be present and not {@code null}
     * @param ranges       the accepted values of the example's numbers, by path
     * @param bodyOptional whether no body (or {@code null}) is a valid request
     */
    BadBodies(JsonObject example, Set<String> required, Map<String, Range> ranges, boolean bodyOptional, long maxBodyBytes) {
        this.example = example;
        this.required = required;
        this.ranges = ranges;
        this.bodyOptional = bodyOptional;
        this.maxBodyBytes = maxBodyBytes;
        List<Kind> applicable = new ArrayList<>(List.of(Kind.values()));
        if (required.isEmpty()) {
            applicable.remove(Kind.NULL_REQUIRED);
            applicable.remove(Kind.MISSING_REQUIRED);
        }
        if (ranges.isEmpty()) {
            applicable.remove(Kind.OUT_OF_RANGE);
        }
        if (JsonPaths.paths(example, "").stream().noneMatch(path -> JsonPaths.valueAt(example, path) instanceof Number)) {
            applicable.remove(Kind.NAN_LIKE);
        }
        if (JsonPaths.paths(example, "").stream().noneMatch(path -> JsonPaths.valueAt(example, path) instanceof String)) {
            applicable.remove(Kind.HUGE_STRING);
            applicable.remove(Kind.INVALID_UTF8);
        }
        if (bodyOptional) {
            applicable.remove(Kind.EMPTY);
        }
        this.kinds = List.copyOf(applicable);
    }

    /** Bodies of every kind. */
    Arbitrary<Body> all() {
        return Arbitraries.of(kinds).flatMap(this::of);
    }

    /** Bodies of the given kinds only. */
    Arbitrary<Body> only(Set<Kind> wanted) {
        return Arbitraries.of(kinds.stream().filter(wanted::contains).toList()).flatMap(this::of);
    }

    Arbitrary<Body> of(Kind kind) {
        List<String> paths = JsonPaths.paths(example, "");
        List<String> strings = paths.stream().filter(path -> JsonPaths.valueAt(example, path) instanceof String).toList();
        List<String> objects = new ArrayList<>(List.of(""));
        objects.addAll(paths.stream().filter(path -> JsonPaths.valueAt(example, path) instanceof JsonObject).toList());
        return switch (kind) {
            case WRONG_TYPE -> Arbitraries.of(paths).flatMap(path -> BadValues.wrongType(JsonPaths.valueAt(example, path))
                    .map(value -> mutated(kind, path, value, "a " + BadValues.typeName(value))));
            case NULL_REQUIRED -> Arbitraries.of(List.copyOf(required)).map(path -> mutated(kind, path, null, "null"));
            case MISSING_REQUIRED -> Arbitraries.of(List.copyOf(required)).map(path -> removed(path));
            case UNKNOWN_FIELD -> Combinators.combine(Arbitraries.of(objects), Arbitraries.strings().alpha().ofLength(6),
                    BadValues.scalars()).as((path, name, value) -> mutated(kind, JsonPaths.join(path, "fuzz" + name), value, "an unknown field"));
            case HUGE_STRING -> Combinators.combine(Arbitraries.of(strings), BadValues.hugeStrings())
                    .as((path, text) -> mutated(kind, path, text, text.length() + " characters"));
            case OUT_OF_RANGE -> Arbitraries.of(List.copyOf(ranges.keySet())).flatMap(pattern -> BadValues.outside(ranges.get(pattern))
                    .flatMap(value -> Arbitraries.of(paths.stream().filter(path -> JsonPaths.pattern(path).equals(pattern)).toList())
                            .map(path -> spliced(kind, path, value.getKey(), value.getValue(), "out of range: " + value.getKey()))));
            case NAN_LIKE -> Combinators.combine(Arbitraries.of(paths.stream().filter(path -> JsonPaths.valueAt(example, path) instanceof Number)
                    .toList()), Arbitraries.of("NaN", "Infinity", "-Infinity", "1e999", "0x10", "1_000", "", "5"))
                    .as((path, text) -> mutated(kind, path, text, "the string \"" + text + "\""));
            case INVALID_UTF8 -> Combinators.combine(Arbitraries.of(strings), BadValues.invalidUtf8()).as((path, bytes) -> spliced(kind,
                    path, "\"" + BadValues.hex(bytes) + "\"", new Raw(BadValues.quoted(bytes), () -> Buffer.buffer(bytes)),
                    "bytes " + BadValues.hex(bytes)));
            case DEEP_NESTING -> Combinators.combine(Arbitraries.of(paths), Arbitraries.of(500, 999, 1_000, 1_001, 10_000,
                    100_000), Arbitraries.of(true, false)).as((path, depth, arrays) -> spliced(kind, path,
                    "nested" + depth, new Raw(BadValues.nested(depth, arrays).getBytes(StandardCharsets.UTF_8),
                            () -> BadValues.nestedTree(Math.min(depth, MAX_BUS_DEPTH), arrays)), depth + " levels of " + (arrays ? "arrays" : "objects")));
            case TOP_LEVEL_TYPE -> topLevel();
            case NOT_JSON -> notJson();
            case EMPTY -> Arbitraries.just(new Body(kind, "no body", null, Map.of(), Buffer.buffer(), "application/json"));
            case OVERSIZED -> Arbitraries.integers().between(1, 64 * 1024).map(extra -> oversized(extra));
            case WRONG_CONTENT_TYPE -> Arbitraries.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/jsonx", "json", "%%%", "", "text/json")
                    .map(type -> new Body(kind, "Content-Type '" + type + "'", null, Map.of(), example.toBuffer(),
                            type.isEmpty() ? null : type));
        };
    }

    // ---- the mutations

    private Body mutated(Kind kind, String path, Object value, String description) {
        JsonObject copy = example.copy();
        JsonPaths.set(copy, path, value);
        return new Body(kind, path + " = " + description, copy, Map.of(), null, "application/json");
    }

    private Body removed(String path) {
        JsonObject copy = example.copy();
        Object parent = JsonPaths.parent(copy, path);
        String last = JsonPaths.last(path);
        if (parent instanceof JsonObject object) {
            object.remove(last);
        }
        return new Body(Kind.MISSING_REQUIRED, path + " missing", copy, Map.of(), null, "application/json");
    }

    /** Puts a placeholder at {@code path} and splices {@code raw} in its place. */
    private Body spliced(Kind kind, String path, String placeholderName, Raw raw, String description) {
        String placeholder = "@@fuzz-" + Integer.toHexString(placeholderName.hashCode()) + "@@";
        JsonObject copy = example.copy();
        JsonPaths.set(copy, path, placeholder);
        Map<String, Raw> raws = new LinkedHashMap<>();
        raws.put('"' + placeholder + '"', raw);
        return new Body(kind, path + " = " + description, copy, raws, null, "application/json");
    }

    private Body spliced(Kind kind, String path, String text, Object busValue, String description) {
        return spliced(kind, path, text, new Raw(text.getBytes(StandardCharsets.UTF_8), () -> busValue), description);
    }

    private Arbitrary<Body> topLevel() {
        Map<String, Object> bodies = new LinkedHashMap<>();
        bodies.put("[]", new JsonArray());
        bodies.put("[" + example.encode() + "]", new JsonArray().add(example.copy()));
        bodies.put("\"text\"", "text");
        bodies.put("42", 42);
        bodies.put("-1.5", -1.5);
        bodies.put("true", true);
        if (!bodyOptional) {
            bodies.put("null", null);
        }
        return Arbitraries.of(List.copyOf(bodies.keySet())).map(text -> new Body(Kind.TOP_LEVEL_TYPE,
                "the body " + FuzzHost.abbreviated(text), bodies.get(text), Map.of(), Buffer.buffer(text), "application/json"));
    }

    private Arbitrary<Body> notJson() {
        String text = example.encode();
        Arbitrary<Body> garbage = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300)
                .filter(bytes -> bytes[0] != ' ' && bytes[0] != '\t' && bytes[0] != '\n' && bytes[0] != '\r'
                        && !(bytes[0] >= '0' && bytes[0] <= '9') && bytes[0] != '-' && bytes[0] != '"')
                .map(bytes -> new Body(Kind.NOT_JSON, "random bytes " + BadValues.hex(bytes), bytes, Map.of(),
                        Buffer.buffer(bytes), "application/json"));
        Arbitrary<Body> truncated = Arbitraries.integers().between(1, text.length() - 1)
                .map(cut -> new Body(Kind.NOT_JSON, "cut after " + cut + " characters", null, Map.of(),
                        Buffer.buffer(text.substring(0, cut)), "application/json"));
        Arbitrary<Body> relaxed = Arbitraries.of(
                text.replaceFirst("\"", "'").replaceFirst("\"", "'"),
                "{\"a\": NaN}", "{\"a\": Infinity}", "/* comment */" + text, text + " trailing", text + text,
                "{,}", "{\"a\":1,}", "[1,]", text.replace(":", "="), "{\"a\":\"\u0001\"}",
                "{\"a\":\"\\x41\"}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":.5}", "{a:1}")
                .map(body -> new Body(Kind.NOT_JSON, FuzzHost.abbreviated(body), body, Map.of(),
                        Buffer.buffer(body), "application/json"));
        return Arbitraries.oneOf(garbage, truncated, relaxed);
    }

    private Body oversized(int extra) {
        String text = example.encode();
        int padding = (int) (maxBodyBytes - text.length() + extra) + 20;
        String body = "{\"padding\":\"" + "x".repeat(padding) + "\"," + text.substring(1);
        return new Body(Kind.OVERSIZED, body.length() + " bytes", null, Map.of(), Buffer.buffer(body), "application/json");
    }
}
