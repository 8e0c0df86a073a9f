package io.assisthost.host.plugins;

import io.assisthost.api.PluginContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

/**
 * Creates plugin-provided objects the way the plugin API promises: through a public constructor that
 * takes a {@link PluginContext}, else a public no-argument constructor.
 */
final class ExtensionInstantiator {

    private ExtensionInstantiator() {
    }

    static <T> T create(Class<T> type, PluginContext context) {
        try {
            try {
                Constructor<T> withContext = type.getConstructor(PluginContext.class);
                return withContext.newInstance(context);
            } catch (NoSuchMethodException noContextConstructor) {
                return type.getConstructor().newInstance();
            }
        } catch (NoSuchMethodException e) {
            throw new PluginRejectedException(type.getName()
                    + " needs a public constructor taking a PluginContext, or a public no-argument constructor");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new PluginRejectedException("constructor of " + type.getName() + " failed: " + cause, cause);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new PluginRejectedException("cannot instantiate " + type.getName() + ": " + e, e);
        }
    }
}
