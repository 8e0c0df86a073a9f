package io.assisthost.host.testing;

import io.assisthost.api.Scorer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Builds real plugin jars inside a test: compiles plugin sources with javac against the plugin API
 * (PF4J's annotation processor writes {@code META-INF/extensions.idx}, as in a real build), writes the
 * MANIFEST descriptor, and can break the jar in each way the host must survive.
 */
public final class PluginJarBuilder {

    private final String id;
    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private boolean bundleApi;
    private boolean withManifest = true;
    private final Map<String, byte[]> rawEntries = new LinkedHashMap<>();

    private PluginJarBuilder(String id) {
        this.id = id;
        manifest.put("Plugin-Id", id);
        manifest.put("Plugin-Version", "1.0.0");
        manifest.put("Plugin-Provider", "tests");
        manifest.put("Plugin-Requires", ">=0.1.0");
    }

    public static PluginJarBuilder plugin(String id) {
        return new PluginJarBuilder(id);
    }

    /** Adds a Java source file; {@code className} is fully qualified. */
    public PluginJarBuilder source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** Sets (or, with {@code null}, removes) a MANIFEST entry. */
    public PluginJarBuilder manifest(String name, String value) {
        if (value == null) {
            manifest.remove(name);
        } else {
            manifest.put(name, value);
        }
        return this;
    }

    public PluginJarBuilder version(String version) {
        return manifest("Plugin-Version", version);
    }

    /** Adds an entry as named, whatever the name (for jars whose entry names try to leave the jar). */
    public PluginJarBuilder rawEntry(String name, byte[] content) {
        rawEntries.put(name, content);
        return this;
    }

    /** Writes no MANIFEST at all. */
    public PluginJarBuilder withoutManifest() {
        this.withManifest = false;
        return this;
    }

    /** Copies the plugin API classes into the jar, as a plugin that forgot scope provided would. */
    public PluginJarBuilder bundlingApi() {
        this.bundleApi = true;
        return this;
    }

    /** Builds the jar as {@code <dir>/<id>-<version>.jar}. */
    public Path writeTo(Path dir) throws IOException {
        return writeTo(dir, id + "-" + manifest.getOrDefault("Plugin-Version", "0") + ".jar");
    }

    public Path writeTo(Path dir, String fileName) throws IOException {
        Path classes = Files.createTempDirectory("plugin-classes-");
        compile(classes);
        Path jar = dir.resolve(fileName);
        Files.createDirectories(dir);
        try (JarOutputStream out = withManifest
                ? new JarOutputStream(Files.newOutputStream(jar), manifest())
                : new JarOutputStream(Files.newOutputStream(jar))) {
            addTree(out, classes, classes);
            if (bundleApi) {
                addApiClasses(out);
            }
            for (Map.Entry<String, byte[]> entry : rawEntries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    /** Bytes that are not a jar at all. */
    public static Path writeGarbage(Path dir, String fileName) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(fileName), "this is not a zip file".repeat(40).getBytes(StandardCharsets.UTF_8));
    }

    private Manifest manifest() {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> mf.getMainAttributes().put(new Attributes.Name(k), v));
        return mf;
    }

    private void compile(Path output) throws IOException {
        if (sources.isEmpty()) {
            return;
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SourceFile(name, code)));
        StringWriter diagnostics = new StringWriter();
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", output.toString(),
                "-proc:full", "-Xlint:none");
        Boolean ok = compiler.getTask(diagnostics, null, null, options, null, units).call();
        if (!ok) {
            throw new IllegalStateException("test plugin " + id + " does not compile:\n" + diagnostics);
        }
    }

    private static void addTree(JarOutputStream out, Path root, Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
    }

    private static void addApiClasses(JarOutputStream out) throws IOException {
        Path location;
        try {
            location = Path.of(Scorer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        if (Files.isDirectory(location)) {
            addTree(out, location, location.resolve("io/assisthost/api"));
            return;
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            Path root = jar.getPath("/");
            try (Stream<Path> files = Files.walk(jar.getPath("/io/assisthost/api"))) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(new JarEntry(root.relativize(file).toString()));
                    try (OutputStream entry = new NonClosing(out)) {
                        Files.copy(file, entry);
                    }
                    out.closeEntry();
                }
            }
        }
    }

    private static final class SourceFile extends SimpleJavaFileObject {
        private final String code;

        SourceFile(String className, String code) {
            super(java.net.URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
