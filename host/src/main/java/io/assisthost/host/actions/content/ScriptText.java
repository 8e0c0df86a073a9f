package io.assisthost.host.actions.content;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Script calls refused wherever they appear in a card, even in plain text: a card is displayed, never
 * run, so their presence means the content was meant for somewhere that runs it.
 */
final class ScriptText {

    private static final Map<Pattern, String> CALLS = Map.of(
            Pattern.compile("eval\\s*\\(", Pattern.CASE_INSENSITIVE), "eval( is not allowed",
            Pattern.compile("document\\s*\\.\\s*write", Pattern.CASE_INSENSITIVE), "document.write is not allowed");

    private ScriptText() {
    }

    /** Every occurrence in the raw input, quoted from where it starts. */
    static List<Violation> scan(SourceText source, String html) {
        TreeMap<Integer, String> byPosition = new TreeMap<>();
        CALLS.forEach((pattern, reason) -> {
            Matcher matcher = pattern.matcher(html);
            while (matcher.find()) {
                byPosition.put(matcher.start(), reason);
            }
        });
        return byPosition.entrySet().stream()
                .map(call -> new Violation(source.from(call.getKey()), call.getValue()))
                .toList();
    }

    /** Why decoded text (after entities are resolved) is refused, if it is. */
    static Optional<String> reason(String text) {
        return CALLS.entrySet().stream()
                .filter(call -> call.getKey().matcher(text).find())
                .map(Map.Entry::getValue)
                .sorted()
                .findFirst();
    }
}
