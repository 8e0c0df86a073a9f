/**
 * The plugin host: loads PF4J plugin jars from the plugins folder, starts and stops them, and isolates
 * every call into plugin code.
 *
 * <p>Threading: {@link io.assisthost.host.plugins.PluginHost} is the only owner of the PF4J
 * {@code PluginManager} (which is not thread-safe) and touches it only from its single
 * {@code assist-plugin-host} thread. Everyone else reads the immutable
 * {@link io.assisthost.host.plugins.ExtensionRegistry} it publishes atomically, and calls extensions
 * through {@link io.assisthost.host.plugins.PluginInvoker}, which runs plugin code on the bounded
 * {@code assist-plugin} pool under a time budget, never on an event loop.
 */
package io.assisthost.host.plugins;
