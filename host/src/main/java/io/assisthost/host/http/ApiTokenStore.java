package io.assisthost.host.http;

import io.assisthost.host.config.ApiOptions;
import io.assisthost.host.config.ApiOptions.Scope;
import io.assisthost.host.config.ConfigException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Where the API tokens come from. The admin token {@value ApiOptions#MAIN_TOKEN_NAME}: the configuration
 * ({@code api.token}, {@code ASSIST_API_TOKEN}) when set; else the {@code api-token} file in the data
 * directory; else a new random token, written to that file (owner-only permissions) and printed once so
 * the operator can copy it. The named tokens of {@code api.tokens}: from the configuration, a file or an
 * environment variable. No token value is ever logged or put in an error message.
 */
public final class ApiTokenStore {

    /** The file under the data directory that keeps a generated token. */
    public static final String FILE_NAME = "api-token";

    private final Path dataDir;
    private final PrintStream console;
    private final Function<String, String> env;

    public ApiTokenStore(Path dataDir, PrintStream console) {
        this(dataDir, console, System::getenv);
    }

    /** A store reading {@code tokenEnv} variables through {@code env}. */
    public ApiTokenStore(Path dataDir, PrintStream console, Function<String, String> env) {
        this.dataDir = dataDir;
        this.console = console;
        this.env = env;
    }

    /**
     * Resolves every token: the admin token first, then the named ones. Blocking file I/O: call on a
     * worker thread.
     *
     * @throws ConfigException when a named token's file or variable is missing or empty, its value is too
     *                         short, or two tokens have the same value
     */
    public List<ApiToken> resolveAll(ApiOptions options) throws IOException {
        List<ApiToken> tokens = new ArrayList<>();
        tokens.add(new ApiToken(ApiOptions.MAIN_TOKEN_NAME, Scope.ADMIN, resolve(options.token())));
        for (ApiOptions.Token configured : options.tokens()) {
            String value = value(configured);
            ApiOptions.checkValue(value, "api.tokens " + configured.name() + " (" + source(configured) + ")");
            for (ApiToken earlier : tokens) {
                if (earlier.secret().equals(value)) {
                    throw new ConfigException("api.tokens " + configured.name() + " has the same value as token "
                            + earlier.name() + "; every token needs its own value");
                }
            }
            tokens.add(new ApiToken(configured.name(), configured.scope(), value));
        }
        return List.copyOf(tokens);
    }

    private String value(ApiOptions.Token configured) throws IOException {
        if (configured.value() != null) {
            return configured.value();
        }
        String value;
        if (configured.file() != null) {
            if (!Files.isRegularFile(configured.file())) {
                throw new ConfigException("api.tokens " + configured.name() + ": tokenFile " + configured.file()
                        + " does not exist");
            }
            value = Files.readString(configured.file(), StandardCharsets.UTF_8).trim();
        } else {
            String fromEnv = env.apply(configured.env());
            value = fromEnv == null ? "" : fromEnv.trim();
        }
        if (value.isEmpty()) {
            throw new ConfigException("api.tokens " + configured.name() + ": " + source(configured) + " is empty or not set");
        }
        return value;
    }

    private static String source(ApiOptions.Token configured) {
        return configured.value() != null ? "token" : configured.file() != null
                ? "tokenFile " + configured.file() : "tokenEnv " + configured.env();
    }

    /** Resolves the token. Blocking file I/O: call on a worker thread. */
    public String resolve(String configured) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.isRegularFile(file)) {
            String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (!stored.isEmpty()) {
                return stored;
            }
        }
        String token = generate();
        write(file, token);
        console.println();
        console.println("=================================================================");
        console.println(" assist-host generated an API token (shown once, kept in " + file + "):");
        console.println();
        console.println("   " + token);
        console.println();
        console.println(" Send it as 'Authorization: Bearer <token>' to /api/v1/**.");
        console.println("=================================================================");
        console.println();
        return token;
    }

    private static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, String token) throws IOException {
        Files.createDirectories(file.getParent());
        Path part = file.resolveSibling(FILE_NAME + ".part");
        Files.deleteIfExists(part);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(part, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(part);
        }
        Files.writeString(part, token + "\n", StandardCharsets.UTF_8);
        Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
