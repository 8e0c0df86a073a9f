package io.assisthost.host.plugins;

import com.github.zafarkhaja.semver.Version;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.pf4j.DefaultVersionManager;
import org.pf4j.VersionManager;

/**
 * Checks a plugin jar before PF4J sees it, so that each way a jar can be unusable gets its own clear
 * message: unreadable, no descriptor, a malformed id or version, no host-version requirement or one this
 * host does not meet, an entry whose name leaves the jar ({@code ../}, absolute), or a bundled copy of
 * the plugin API.
 */
final class PluginJarInspector {

    /** Classes under this path belong to the host; a plugin must not bring its own copy. */
    static final String API_PATH = "io/assisthost/api/";

    private static final Pattern PLUGIN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final String hostVersion;
    private final VersionManager versions = new DefaultVersionManager();

    PluginJarInspector(String hostVersion) {
        this.hostVersion = hostVersion;
    }

    /** What the descriptor of an accepted jar says. */
    record Descriptor(String id, String version, String requires) {
    }

    /**
     * Inspects one jar. Blocking file I/O: call on a worker thread.
     *
     * @throws PluginRejectedException naming what is wrong
     */
    Descriptor inspect(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Descriptor descriptor = descriptor(file.getManifest());
            rejectEntries(descriptor.id(), file);
            return descriptor;
        } catch (IOException | SecurityException e) {
            throw new PluginRejectedException("not a readable jar: " + e.getMessage(), e);
        }
    }

    private Descriptor descriptor(Manifest manifest) {
        if (manifest == null) {
            throw new PluginRejectedException("no META-INF/MANIFEST.MF: a plugin jar needs Plugin-Id and Plugin-Version entries");
        }
        Attributes attributes = manifest.getMainAttributes();
        String id = trimmed(attributes.getValue("Plugin-Id"));
        if (id == null) {
            throw new PluginRejectedException("no Plugin-Id in META-INF/MANIFEST.MF");
        }
        if (!PLUGIN_ID.matcher(id).matches()) {
            throw new PluginRejectedException("Plugin-Id '" + id + "' must be letters, digits, '.', '_' or '-'");
        }
        String version = trimmed(attributes.getValue("Plugin-Version"));
        if (version == null) {
            throw new PluginRejectedException(id, "no Plugin-Version in META-INF/MANIFEST.MF", null);
        }
        if (!Version.isValid(version)) {
            throw new PluginRejectedException(id, "Plugin-Version '" + version + "' is not a semantic version", null);
        }
        String requires = trimmed(attributes.getValue("Plugin-Requires"));
        if (requires == null) {
            throw new PluginRejectedException(id, "no Plugin-Requires in META-INF/MANIFEST.MF: name the host versions "
                    + "the plugin works with, such as >=0.1.0", null);
        }
        checkRequires(id, requires);
        return new Descriptor(id, version, requires);
    }

    private void checkRequires(String id, String requires) {
        String expression = requires.matches("^\\d+\\.\\d+\\.\\d+$") ? ">=" + requires : requires;
        boolean satisfied;
        try {
            satisfied = versions.checkVersionConstraint(hostVersion, expression);
        } catch (RuntimeException e) {
            throw new PluginRejectedException(id, "Plugin-Requires '" + requires
                    + "' is not a version range: " + e.getMessage(), e);
        }
        if (!satisfied) {
            throw new PluginRejectedException(id, "requires host version " + requires
                    + ", but this host is " + hostVersion, null);
        }
    }

    private static void rejectEntries(String id, JarFile file) {
        Enumeration<JarEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (escapes(name)) {
                throw new PluginRejectedException(id, "jar entry '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' has a name that leaves the jar (absolute, a drive, '..' or a backslash)", null);
            }
            if (name.startsWith(API_PATH) && name.endsWith(".class")) {
                throw new PluginRejectedException(id, "bundles its own copy of the plugin API (" + name
                        + "); declare io.assisthost:plugin-api with scope provided", null);
            }
        }
    }

    /** Whether an entry name would leave the folder it is extracted into, or means different things to tools. */
    static boolean escapes(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.indexOf('\0') >= 0
                || name.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
