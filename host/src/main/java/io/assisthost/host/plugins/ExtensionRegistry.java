package io.assisthost.host.plugins;

import io.assisthost.api.FallbackStrategy;
import io.assisthost.api.RecommendationFilter;
import io.assisthost.api.Scorer;
import io.assisthost.api.WebhookSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extensions of all started plugins, per extension point, in call order. Immutable: the plugin host
 * builds a new registry on every change and swaps it in atomically, so readers need no locks.
 */
public final class ExtensionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ExtensionRegistry.class);

    /** The extension points of the plugin API, in the order the host documents them. */
    public static final List<Class<?>> POINTS =
            List.of(Scorer.class, RecommendationFilter.class, FallbackStrategy.class, WebhookSink.class);

    /** The registry with no plugins. */
    public static final ExtensionRegistry EMPTY = new ExtensionRegistry(List.of());

    private final Map<Class<?>, List<PluginExtension<?>>> byPoint;
    private final Map<String, PluginExtension<WebhookSink>> sinkTypes;

    ExtensionRegistry(List<PluginExtension<?>> extensions) {
        Map<Class<?>, List<PluginExtension<?>>> grouped = new LinkedHashMap<>();
        for (Class<?> point : POINTS) {
            List<PluginExtension<?>> ofPoint = new ArrayList<>();
            extensions.stream().filter(e -> e.point() == point).forEach(ofPoint::add);
            ofPoint.sort(PluginExtension.ORDER);
            grouped.put(point, List.copyOf(ofPoint));
        }
        this.byPoint = Map.copyOf(grouped);
        this.sinkTypes = sinkTypes(of(WebhookSink.class));
    }

    /**
     * Asks each sink for its type once, here on the plugin host's thread, so that routing an event never
     * runs plugin code on an event loop. The first in call order wins a type.
     */
    private static Map<String, PluginExtension<WebhookSink>> sinkTypes(List<PluginExtension<WebhookSink>> sinks) {
        Map<String, PluginExtension<WebhookSink>> types = new LinkedHashMap<>();
        for (PluginExtension<WebhookSink> sink : sinks) {
            try {
                String type = sink.instance().type();
                if (type != null) {
                    types.putIfAbsent(type, sink);
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Webhook sink {} failed to name its type and delivers nothing", sink.label(), e);
            }
        }
        return Map.copyOf(types);
    }

    /** The sink extension that delivers to sinks of {@code type}, or {@code null}. */
    public PluginExtension<WebhookSink> sinkFor(String type) {
        return sinkTypes.get(type);
    }

    /** The extensions of one point, in call order. */
    @SuppressWarnings("unchecked")
    public <T> List<PluginExtension<T>> of(Class<T> point) {
        List<PluginExtension<?>> list = byPoint.get(point);
        if (list == null) {
            throw new IllegalArgumentException(point.getName() + " is not an extension point");
        }
        return (List<PluginExtension<T>>) (List<?>) list;
    }

    public List<PluginExtension<Scorer>> scorers() {
        return of(Scorer.class);
    }

    public List<PluginExtension<RecommendationFilter>> filters() {
        return of(RecommendationFilter.class);
    }

    public List<PluginExtension<FallbackStrategy>> fallbacks() {
        return of(FallbackStrategy.class);
    }

    public List<PluginExtension<WebhookSink>> sinks() {
        return of(WebhookSink.class);
    }

    /** This registry without the extensions of one plugin. */
    ExtensionRegistry without(String pluginId) {
        return new ExtensionRegistry(all().stream().filter(e -> !e.pluginId().equals(pluginId)).toList());
    }

    /** This registry with more extensions. */
    ExtensionRegistry with(List<PluginExtension<?>> more) {
        List<PluginExtension<?>> all = new ArrayList<>(all());
        all.addAll(more);
        return new ExtensionRegistry(all);
    }

    List<PluginExtension<?>> all() {
        List<PluginExtension<?>> all = new ArrayList<>();
        byPoint.values().forEach(all::addAll);
        return all;
    }
}
