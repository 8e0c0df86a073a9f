package io.assisthost.host.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright for Java without its browser download:
 * {@code /usr/bin/chromium}, or the path in {@code -Dassist.test.chromium}.
 */
public final class HeadlessChromium {

    // The flags a root user on a closed network needs: no sandbox, no background calls to Google.
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    private HeadlessChromium() {
    }

    /** Playwright, told not to download browsers of its own. */
    public static Playwright playwright() {
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of(System.getProperty("assist.test.chromium", "/usr/bin/chromium")))
                .setHeadless(true).setArgs(FLAGS));
    }
}
