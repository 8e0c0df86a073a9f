package io.assisthost.host.actions;

import io.assisthost.host.HostFailure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads action definitions from their JSON form and writes them back. Reading checks the shape of
 * every field and collects one error per bad field ({@code field}, {@code message}) instead of
 * stopping at the first, so an editor can show them all; content and browser checks come after, in
 * {@link ActionValidator}.
 */
public final class ActionJson {

    /** Names appear in URLs and metric tags. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A phrase mask is a {@code long}: one bit per phrase. */
    public static final int MAX_PHRASES = 64;
    static final int MAX_PHRASE_LENGTH = 200;
    static final int MAX_LIST = 100;
    static final int MAX_VARIANTS = 10;
    static final int MAX_DESCRIPTION = 1_000;
    /** A card is a small fragment; the content policy parses every character of it. */
    static final int MAX_HTML = 100_000;

    private static final Set<String> FIELDS = Set.of("name", "version", "description", "enabled", "trigger", "content",
            "ui", "rollout");
    private static final Set<String> TRIGGER_FIELDS = Set.of("phrases", "match", "speaker", "minConfidence", "queueIds",
            "skillIds", "mediaTypes");
    private static final Set<String> UI_FIELDS = Set.of("position", "size", "requiredFeatures");

    private ActionJson() {
    }

    /** The outcome of reading: the definition if every field was well-formed, and the errors found. */
    public record Read(ActionDefinition definition, JsonArray errors) {
    }

    /** Reads a definition, collecting an error for every malformed field. */
    public static Read read(Object body) {
        JsonArray errors = new JsonArray();
        if (!(body instanceof JsonObject json)) {
            errors.add(HostFailure.fieldError("body", "must be a JSON object with the fields of an action"));
            return new Read(null, errors);
        }
        unknownFields(json, FIELDS, "", errors);
        String name = text(json, "name", "name", true, errors);
        if (name != null && !NAME.matcher(name).matches()) {
            errors.add(error("name", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit",
                    name));
        }
        String version = version(json.getValue("version"), "version", errors);
        String description = text(json, "description", "description", false, errors);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(HostFailure.fieldError("description", "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        Boolean enabled = bool(json, "enabled", errors);
        Trigger trigger = trigger(json.getValue("trigger"), errors);
        String html = content(json.getValue("content"), errors);
        Ui ui = ui(json.getValue("ui"), errors);
        List<Variant> rollout = rollout(json.getValue("rollout"), "rollout", errors);
        if (!errors.isEmpty()) {
            return new Read(null, errors);
        }
        return new Read(new ActionDefinition(name, version, description, enabled == null || enabled, trigger, html, ui,
                rollout), errors);
    }

    /**
     * Reads a rollout body {@code {"variants": [...]}}: versions, weights summing to 100, unique group
     * names.
     *
     * @param field the name of the rollout in error messages
     */
    public static List<Variant> rollout(Object value, String field, JsonArray errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonObject rollout)) {
            errors.add(HostFailure.fieldError(field, "must be an object {\"variants\": [{version, weight, group}]}"));
            return List.of();
        }
        unknownFields(rollout, Set.of("variants"), field + ".", errors);
        if (!(rollout.getValue("variants") instanceof JsonArray variants) || variants.isEmpty()
                || variants.size() > MAX_VARIANTS) {
            errors.add(HostFailure.fieldError(field + ".variants", "must list 1 to " + MAX_VARIANTS + " variants"));
            return List.of();
        }
        List<Variant> read = new ArrayList<>();
        Set<String> groups = new HashSet<>();
        int total = 0;
        for (int i = 0; i < variants.size(); i++) {
            String at = field + ".variants[" + i + "]";
            if (!(variants.getValue(i) instanceof JsonObject variant)) {
                errors.add(HostFailure.fieldError(at, "must be an object {version, weight, group}"));
                continue;
            }
            unknownFields(variant, Set.of("version", "weight", "group"), at + ".", errors);
            String version = version(variant.getValue("version"), at + ".version", errors);
            Object weight = variant.getValue("weight");
            boolean wholeWeight = weight instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                    && number.doubleValue() >= 0 && number.doubleValue() <= 100;
            if (!wholeWeight) {
                errors.add(error(at + ".weight", "must be a whole percentage from 0 to 100", String.valueOf(weight)));
            }
            String group = text(variant, "group", at + ".group", true, errors);
            if (group != null && !NAME.matcher(group).matches()) {
                errors.add(error(at + ".group", "must be 1 to 64 letters, digits, '.', '_' or '-'", group));
            } else if (group != null && !groups.add(group)) {
                errors.add(error(at + ".group", "repeats the group of an earlier variant", group));
            }
            if (version != null && wholeWeight && group != null) {
                int percent = ((Number) weight).intValue();
                total += percent;
                read.add(new Variant(version, percent, group));
            }
        }
        if (read.size() == variants.size() && total != 100) {
            errors.add(error(field + ".variants", "weights must sum to 100", "sum " + total));
        }
        return read;
    }

    /** The JSON form of a definition, as it was read. */
    public static JsonObject toJson(ActionDefinition definition) {
        Trigger trigger = definition.trigger();
        JsonObject json = new JsonObject()
                .put("name", definition.name())
                .put("version", definition.version())
                .put("description", definition.description())
                .put("enabled", definition.enabled())
                .put("trigger", new JsonObject()
                        .put("phrases", new JsonArray(trigger.phrases()))
                        .put("match", trigger.match().wireName())
                        .put("speaker", trigger.speaker().wireName())
                        .put("minConfidence", trigger.minConfidence())
                        .put("queueIds", new JsonArray(trigger.queueIds()))
                        .put("skillIds", new JsonArray(trigger.skillIds()))
                        .put("mediaTypes", new JsonArray(trigger.mediaTypes())))
                .put("content", new JsonObject().put("html", definition.html()))
                .put("ui", uiJson(definition.ui()));
        if (!definition.rollout().isEmpty()) {
            json.put("rollout", rolloutJson(definition.rollout()));
        }
        return json;
    }

    /** The JSON form of the UI directives. */
    public static JsonObject uiJson(Ui ui) {
        return new JsonObject()
                .put("position", ui.position().wireName())
                .put("size", ui.size().wireName())
                .put("requiredFeatures", new JsonArray(ui.requiredFeatures()));
    }

    /** The JSON form of a rollout: {@code {"variants": [{version, weight, group}]}}. */
    public static JsonObject rolloutJson(List<Variant> variants) {
        JsonArray array = new JsonArray();
        variants.forEach(variant -> array.add(new JsonObject().put("version", variant.version())
                .put("weight", variant.weight()).put("group", variant.group())));
        return new JsonObject().put("variants", array);
    }

    /** Reads a rollout written by {@link #rolloutJson}. */
    public static List<Variant> readRollout(JsonObject json) {
        JsonArray errors = new JsonArray();
        List<Variant> variants = rollout(json, "rollout", errors);
        if (!errors.isEmpty()) {
            throw HostFailure.invalidFields(errors);
        }
        return variants;
    }

    /** An error entry that also quotes the offending input. */
    public static JsonObject error(String field, String message, String fragment) {
        return HostFailure.fieldError(field, message).put("fragment", fragment);
    }

    private static Trigger trigger(Object value, JsonArray errors) {
        if (!(value instanceof JsonObject trigger)) {
            errors.add(HostFailure.fieldError("trigger", "must be an object with at least \"phrases\""));
            return null;
        }
        unknownFields(trigger, TRIGGER_FIELDS, "trigger.", errors);
        List<String> phrases = strings(trigger.getValue("phrases"), "trigger.phrases", MAX_PHRASES, MAX_PHRASE_LENGTH,
                errors);
        if (phrases != null && phrases.isEmpty()) {
            errors.add(HostFailure.fieldError("trigger.phrases", "must list at least one phrase"));
        }
        Trigger.Match match = choice(trigger.getValue("match"), "trigger.match", Trigger.Match.class, Trigger.Match.ANY,
                errors);
        Trigger.Speaker speaker = choice(trigger.getValue("speaker"), "trigger.speaker", Trigger.Speaker.class,
                Trigger.Speaker.ANY, errors);
        double minConfidence = Trigger.DEFAULT_MIN_CONFIDENCE;
        Object confidence = trigger.getValue("minConfidence");
        if (confidence != null) {
            if (confidence instanceof Number number && number.doubleValue() >= 0 && number.doubleValue() <= 1) {
                minConfidence = number.doubleValue();
            } else {
                errors.add(error("trigger.minConfidence", "must be a number from 0 to 1", String.valueOf(confidence)));
            }
        }
        List<String> queues = strings(trigger.getValue("queueIds"), "trigger.queueIds", MAX_LIST, 200, errors);
        List<String> skills = strings(trigger.getValue("skillIds"), "trigger.skillIds", MAX_LIST, 200, errors);
        List<String> media = strings(trigger.getValue("mediaTypes"), "trigger.mediaTypes", MAX_LIST, 50, errors);
        if (phrases == null || phrases.isEmpty() || match == null || speaker == null || queues == null || skills == null
                || media == null) {
            return null;
        }
        return new Trigger(phrases, match, speaker, minConfidence, queues, skills, media);
    }

    private static String content(Object value, JsonArray errors) {
        if (!(value instanceof JsonObject content)) {
            errors.add(HostFailure.fieldError("content", "must be an object {\"html\": \"...\"}"));
            return null;
        }
        unknownFields(content, Set.of("html"), "content.", errors);
        if (!(content.getValue("html") instanceof String html)) {
            errors.add(HostFailure.fieldError("content.html", "must be a string of HTML"));
            return null;
        }
        if (html.length() > MAX_HTML) {
            errors.add(HostFailure.fieldError("content.html", "must be at most " + MAX_HTML + " characters"));
            return null;
        }
        return html;
    }

    private static Ui ui(Object value, JsonArray errors) {
        if (value == null) {
            return Ui.DEFAULT;
        }
        if (!(value instanceof JsonObject ui)) {
            errors.add(HostFailure.fieldError("ui", "must be an object {position, size, requiredFeatures}"));
            return null;
        }
        unknownFields(ui, UI_FIELDS, "ui.", errors);
        Ui.Position position = choice(ui.getValue("position"), "ui.position", Ui.Position.class, Ui.DEFAULT.position(),
                errors);
        Ui.Size size = choice(ui.getValue("size"), "ui.size", Ui.Size.class, Ui.DEFAULT.size(), errors);
        List<String> features = strings(ui.getValue("requiredFeatures"), "ui.requiredFeatures", MAX_LIST, 100, errors);
        return position == null || size == null || features == null ? null : new Ui(position, size, features);
    }

    private static String version(Object value, String field, JsonArray errors) {
        if (!(value instanceof String text)) {
            errors.add(HostFailure.fieldError(field, "must be a semantic version string such as \"1.0.0\""));
            return null;
        }
        if (!Semver.valid(text)) {
            errors.add(error(field, "is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)", text));
            return null;
        }
        return text;
    }

    private static <E extends Enum<E>> E choice(Object value, String field, Class<E> type, E fallback, JsonArray errors) {
        if (value == null) {
            return fallback;
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            String wire = constant.name().toLowerCase(Locale.ROOT);
            allowed.add(wire);
            if (wire.equals(value)) {
                return constant;
            }
        }
        errors.add(error(field, "must be one of " + String.join(", ", allowed), String.valueOf(value)));
        return null;
    }

    private static List<String> strings(Object value, String field, int maxItems, int maxLength, JsonArray errors) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > maxItems) {
            errors.add(HostFailure.fieldError(field, "must be an array of at most " + maxItems + " strings"));
            return null;
        }
        List<String> read = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < array.size(); i++) {
            Object item = array.getValue(i);
            if (!(item instanceof String text) || text.isBlank() || text.length() > maxLength) {
                errors.add(error(field + "[" + i + "]", "must be a non-blank string of at most " + maxLength
                        + " characters", String.valueOf(item)));
                ok = false;
            } else {
                read.add(text.strip());
            }
        }
        return ok ? read : null;
    }

    private static String text(JsonObject json, String key, String field, boolean required, JsonArray errors) {
        Object value = json.getValue(key);
        if (value == null && !required) {
            return "";
        }
        if (!(value instanceof String text) || (required && text.isBlank())) {
            errors.add(HostFailure.fieldError(field, required ? "is required and must be a non-blank string"
                    : "must be a string"));
            return null;
        }
        return text;
    }

    private static Boolean bool(JsonObject json, String field, JsonArray errors) {
        Object value = json.getValue(field);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        errors.add(error(field, "must be true or false", String.valueOf(value)));
        return null;
    }

    private static void unknownFields(JsonObject json, Set<String> known, String prefix, JsonArray errors) {
        json.fieldNames().stream().filter(name -> !known.contains(name)).sorted()
                .forEach(name -> errors.add(HostFailure.fieldError(prefix + name, "is not a known field")));
    }
}
