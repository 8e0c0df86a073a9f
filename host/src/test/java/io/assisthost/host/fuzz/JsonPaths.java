package io.assisthost.host.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** Paths into a JSON tree: {@code "a.b"}, {@code "list[0].c"}; a pattern writes every index as {@code "[]"}. */
final class JsonPaths {

    private JsonPaths() {
    }


    static List<String> paths(Object value, String prefix) {
        List<String> paths = new ArrayList<>();
        if (value instanceof JsonObject object) {
            for (String name : object.fieldNames()) {
                String path = join(prefix, name);
                paths.add(path);
                paths.addAll(paths(object.getValue(name), path));
            }
        } else if (value instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                String path = prefix + "[" + i + "]";
                paths.add(path);
                paths.addAll(paths(array.getValue(i), path));
            }
        }
        return paths;
    }

    static String pattern(String path) {
        return path.replaceAll("\\[\\d+]", "[]");
    }

    static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** The value at {@code path} in {@code root}. */
    static Object valueAt(JsonObject root, String path) {
        Object parent = parent(root, path);
        String last = last(path);
        return parent instanceof JsonObject object ? object.getValue(last)
                : ((JsonArray) parent).getValue(Integer.parseInt(last));
    }

    static void set(JsonObject root, String path, Object value) {
        Object parent = parent(root, path);
        String last = last(path);
        if (parent instanceof JsonObject object) {
            object.put(last, value);
        } else {
            ((JsonArray) parent).set(Integer.parseInt(last), value);
        }
    }

    /** The object or array holding the last step of {@code path}. */
    static Object parent(JsonObject root, String path) {
        List<String> steps = steps(path);
        Object current = root;
        for (String step : steps.subList(0, steps.size() - 1)) {
            current = current instanceof JsonObject object ? object.getValue(step)
                    : ((JsonArray) current).getValue(Integer.parseInt(step));
        }
        return current;
    }

    static String last(String path) {
        List<String> steps = steps(path);
        return steps.get(steps.size() - 1);
    }

    static List<String> steps(String path) {
        List<String> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            if (bracket < 0) {
                steps.add(part);
                continue;
            }
            if (bracket > 0) {
                steps.add(part.substring(0, bracket));
            }
            for (String index : part.substring(bracket + 1).split("\\[")) {
                steps.add(index.replace("]", ""));
            }
        }
        return steps;
    }
}
