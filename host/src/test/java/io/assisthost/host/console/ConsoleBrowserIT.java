package io.assisthost.host.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.TestHosts;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The console in Debian's headless Chromium against a real host in sandbox mode. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleBrowserIT {

    private static final String CHROMIUM = System.getProperty("assist.test.chromium", "/usr/bin/chromium");
    // The flags a root user on a closed network needs: no sandbox, no background calls to Google.
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");

    @TempDir
    Path home;

    private Vertx vertx;
    private HostVerticle host;
    private Playwright playwright;
    private Browser browser;

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        host = TestHosts.deploy(vertx, home, new JsonObject().put("sandbox", new JsonObject().put("generator", true)
                .put("utteranceIntervalMs", 300).put("conversationsPerMinute", 12)));
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(Path.of(CHROMIUM))
                .setHeadless(true).setArgs(FLAGS));
    }

    @AfterEach
    void tearDown() {
        if (playwright != null) {
            playwright.close();
        }
        vertx.close().await();
    }

    @Test
    void logsInAndSeesSandboxTrafficMoveOnTheLivePage() {
        Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800));
        List<String> errors = new CopyOnWriteArrayList<>();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error")) {
                errors.add(message.text());
            }
        });
        page.onPageError(errors::add);

        page.navigate("http://127.0.0.1:" + host.httpPort() + "/");
        assertThat(page.locator("#ready")).hasText("UP");
        page.getByLabel("API token").fill(TestHosts.TOKEN);
        page.getByRole(AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Log in")).click();

        assertThat(page.getByRole(AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Live"))).isVisible();
        Locator pipeline = page.locator("#stages tbody tr[data-stage='pipeline']");
        assertThat(pipeline).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(15_000));
        assertThat(page.locator("#stages tbody tr[data-stage='genesys']")).hasCount(1);
        assertThat(page.locator("#live-status")).hasText("live");

        // The figures move: the row is redrawn with new numbers as seconds pass.
        String before = pipeline.innerText();
        assertThat(pipeline).not().hasText(before, new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "console-live.png")));
        assertThat(errors).as("browser console errors").isEmpty();
    }
}
