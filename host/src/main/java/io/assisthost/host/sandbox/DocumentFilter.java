package io.assisthost.host.sandbox;

import io.assisthost.host.sandbox.SeedData.DocumentSeed;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Genesys' {@code DocumentQuery} filter: clauses of predicates over document fields, combined with
 * {@code And}/{@code Or}; predicate types {@code Equals}, {@code NotEquals}, {@code Contains},
 * {@code MatchAll}, {@code MatchAny}. Comparisons ignore case.
 */
final class DocumentFilter {

    private DocumentFilter() {
    }

    /** The predicate of a filter; {@code null} matches everything. */
    static Predicate<DocumentSeed> parse(JsonObject filter) {
        if (filter == null) {
            return document -> true;
        }
        boolean and = operator(filter.getString("operator", "And"), "filter.operator");
        List<Predicate<DocumentSeed>> clauses = new ArrayList<>();
        for (Object clause : array(filter.getValue("clauses"), "filter.clauses")) {
            clauses.add(clause(object(clause, "filter.clauses[]")));
        }
        return combine(clauses, and);
    }

    private static Predicate<DocumentSeed> clause(JsonObject clause) {
        boolean and = operator(clause.getString("operator", "And"), "clause.operator");
        List<Predicate<DocumentSeed>> predicates = new ArrayList<>();
        for (Object predicate : array(clause.getValue("predicates"), "clause.predicates")) {
            predicates.add(predicate(object(predicate, "clause.predicates[]")));
        }
        return combine(predicates, and);
    }

    private static Predicate<DocumentSeed> predicate(JsonObject predicate) {
        List<String> fields = strings(predicate.getValue("fields"), "predicate.fields");
        List<String> values = strings(predicate.getValue("values"), "predicate.values");
        String type = predicate.getString("type", "Equals");
        for (String field : fields) {
            values(null, field);
        }
        return document -> {
            List<String> actual = new ArrayList<>();
            fields.forEach(field -> actual.addAll(values(document, field)));
            return switch (type) {
                case "Equals", "MatchAny" -> values.stream().anyMatch(v -> actual.stream().anyMatch(a -> a.equalsIgnoreCase(v)));
                case "NotEquals" -> values.stream().noneMatch(v -> actual.stream().anyMatch(a -> a.equalsIgnoreCase(v)));
                case "Contains" -> values.stream().anyMatch(v -> actual.stream()
                        .anyMatch(a -> a.toLowerCase(Locale.ROOT).contains(v.toLowerCase(Locale.ROOT))));
                case "MatchAll" -> values.stream().allMatch(v -> actual.stream().anyMatch(a -> a.equalsIgnoreCase(v)));
                default -> throw EmulatorError.badRequest("predicate type '" + type
                        + "' is not one of Equals, NotEquals, Contains, MatchAll, MatchAny");
            };
        };
    }

    private static List<String> values(DocumentSeed document, String field) {
        if (document == null) {
            return switch (field) {
                case "categoryId", "categoryName", "labelId", "labelName", "documentId", "title", "visible", "state",
                     "alternatives" -> List.of();
                default -> throw EmulatorError.badRequest("predicate field '" + field + "' is not supported");
            };
        }
        return switch (field) {
            case "categoryId" -> List.of(document.category().id());
            case "categoryName" -> List.of(document.category().name());
            case "labelId" -> document.labels().stream().map(SeedData.LabelSeed::id).toList();
            case "labelName" -> document.labels().stream().map(SeedData.LabelSeed::name).toList();
            case "documentId" -> List.of(document.id());
            case "title" -> List.of(document.title());
            case "visible" -> List.of("true");
            case "state" -> List.of("Published");
            case "alternatives" -> document.alternatives();
            default -> List.of();
        };
    }

    private static Predicate<DocumentSeed> combine(List<Predicate<DocumentSeed>> parts, boolean and) {
        if (parts.isEmpty()) {
            return document -> true;
        }
        return document -> and ? parts.stream().allMatch(p -> p.test(document)) : parts.stream().anyMatch(p -> p.test(document));
    }

    private static boolean operator(String value, String name) {
        if ("And".equals(value)) {
            return true;
        }
        if ("Or".equals(value)) {
            return false;
        }
        throw EmulatorError.badRequest(name + " must be And or Or, was '" + value + "'");
    }

    private static JsonArray array(Object value, String name) {
        if (value == null) {
            return new JsonArray();
        }
        if (!(value instanceof JsonArray array)) {
            throw EmulatorError.badRequest(name + " must be an array");
        }
        return array;
    }

    private static JsonObject object(Object value, String name) {
        if (!(value instanceof JsonObject object)) {
            throw EmulatorError.badRequest(name + " must be an object");
        }
        return object;
    }

    private static List<String> strings(Object value, String name) {
        List<String> strings = new ArrayList<>();
        for (Object item : array(value, name)) {
            if (!(item instanceof String text)) {
                throw EmulatorError.badRequest(name + " must be an array of strings");
            }
            strings.add(text);
        }
        if (strings.isEmpty()) {
            throw EmulatorError.badRequest(name + " must not be empty");
        }
        return strings;
    }
}
