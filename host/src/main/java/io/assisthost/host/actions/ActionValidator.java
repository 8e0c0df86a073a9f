package io.assisthost.host.actions;

import io.assisthost.host.HostFailure;
import io.assisthost.host.actions.content.BrowserMatrix;
import io.assisthost.host.actions.content.ContentPolicy;
import io.assisthost.host.actions.content.FeatureGap;
import io.assisthost.host.actions.content.Violation;
import io.assisthost.host.actions.matching.TextNormalizer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * Checks a whole action definition: its shape ({@link ActionJson}), that every phrase has words to
 * match, its HTML against the card {@link ContentPolicy} (content the policy would change is refused,
 * naming the fragment), its UI directives against the {@link BrowserMatrix}, and that its rollout
 * names only versions that will exist. The same checks serve saving and the dry run.
 */
public final class ActionValidator {

    private final ContentPolicy content;
    private final BrowserMatrix browsers;

    public ActionValidator(ContentPolicy content, BrowserMatrix browsers) {
        this.content = content;
        this.browsers = browsers;
    }

    /**
     * The dry run: {@code {valid, errors, csp}}, the CSP present when the HTML passed.
     *
     * @param existing the action the definition would become a version of, or {@code null}
     */
    public JsonObject validate(Object body, ActionDocument existing) {
        ActionJson.Read read = ActionJson.read(body);
        JsonArray errors = read.errors().copy();
        String csp = null;
        if (read.definition() != null) {
            errors.addAll(check(read.definition(), existing));
            csp = content.allows(read.definition().html()) ? content.csp(read.definition().html()) : null;
        }
        return new JsonObject()
                .put("valid", errors.isEmpty())
                .put("errors", errors)
                .put("csp", csp)
                .put("browsers", browsers.toJson());
    }

    /**
     * The definition if it passes every check.
     *
     * @throws HostFailure an invalid request with one entry per problem
     */
    public ActionDefinition require(Object body, ActionDocument existing) {
        ActionJson.Read read = ActionJson.read(body);
        if (read.definition() == null) {
            throw HostFailure.invalidFields(read.errors());
        }
        JsonArray errors = check(read.definition(), existing);
        if (!errors.isEmpty()) {
            throw HostFailure.invalidFields(errors);
        }
        return read.definition();
    }

    /** The Content-Security-Policy a card with this HTML renders under. */
    public String csp(String html) {
        return content.csp(html);
    }

    private JsonArray check(ActionDefinition definition, ActionDocument existing) {
        JsonArray errors = new JsonArray();
        List<String> phrases = definition.trigger().phrases();
        for (int i = 0; i < phrases.size(); i++) {
            if (TextNormalizer.tokens(phrases.get(i)).isEmpty()) {
                errors.add(ActionJson.error("trigger.phrases[" + i + "]", "has no words to listen for", phrases.get(i)));
            }
        }
        for (Violation violation : content.check(definition.html())) {
            errors.add(ActionJson.error("content.html", violation.reason(), violation.fragment()));
        }
        List<String> features = definition.ui().requiredFeatures();
        for (FeatureGap gap : browsers.check(features)) {
            errors.add(ActionJson.error("ui.requiredFeatures[" + features.indexOf(gap.feature()) + "]", gap.message(),
                    gap.feature()));
        }
        errors.addAll(rolloutErrors(definition, existing));
        return errors;
    }

    /**
     * Checks only that the definition's rollout names this version or versions {@code existing}
     * has: the check to repeat against the current revision at the moment of saving.
     *
     * @throws HostFailure an invalid request naming each unknown version
     */
    public void requireRollout(ActionDefinition definition, ActionDocument existing) {
        JsonArray errors = rolloutErrors(definition, existing);
        if (!errors.isEmpty()) {
            throw HostFailure.invalidFields(errors);
        }
    }

    private static JsonArray rolloutErrors(ActionDefinition definition, ActionDocument existing) {
        JsonArray errors = new JsonArray();
        List<Variant> rollout = definition.rollout();
        for (int i = 0; i < rollout.size(); i++) {
            String version = rollout.get(i).version();
            boolean known = version.equals(definition.version()) || (existing != null && existing.hasVersion(version));
            if (!known) {
                errors.add(ActionJson.error("rollout.variants[" + i + "].version", "is neither this version nor an "
                        + "existing version of " + definition.name(), version));
            }
        }
        return errors;
    }
}
