package io.assisthost.host.http;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the API token comes from: the configuration ({@code api.token}, {@code ASSIST_API_TOKEN}) when
 * set; else the {@code api-token} file in the data directory; else a new random token, written to that
 * file (owner-only permissions) and printed once so the operator can copy it.
 */
public final class ApiTokenStore {

    /** The file under the data directory that keeps a generated token. */
    public static final String FILE_NAME = "api-token";

    private final Path dataDir;
    private final PrintStream console;

    public ApiTokenStore(Path dataDir, PrintStream console) {
        this.dataDir = dataDir;
        this.console = console;
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
