package io.assisthost.host.console;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.assisthost.host.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Walks a running host's console in headless Chromium, as an operator would, and saves a 1280×800
 * screenshot of each page: the pictures in README. Read-only: it changes nothing on the host. Fails
 * if the browser logs an error.
 *
 * <pre>{@code
 * mvn -q -pl host org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.assisthost.host.console.ConsoleTour \
 *     -Dexec.args="http://localhost:8080 $(cat host/target/assist-host/data/api-token) web-console/docs"
 * }</pre>
 */
public final class ConsoleTour {

    private static final double MINUTE_MS = 60_000;

    private ConsoleTour() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ConsoleTour <console url> <api token> <screenshot folder>");
        }
        Path folder = Path.of(args[2]);
        Files.createDirectories(folder);
        List<String> errors = new CopyOnWriteArrayList<>();
        try (Playwright playwright = HeadlessChromium.playwright()) {
            Browser browser = HeadlessChromium.launch(playwright);
            Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800));
            page.onConsoleMessage(message -> {
                if (message.type().equals("error")) {
                    errors.add(message.text());
                }
            });
            page.onPageError(errors::add);
            page.navigate(args[0]);
            page.getByLabel("API token").fill(args[1]);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();

            // Half a minute of history makes the chart worth looking at.
            page.locator("#stages canvas[aria-label='p95 over the last 30 s']").first()
                    .waitFor(new Locator.WaitForOptions().setTimeout(MINUTE_MS));
            shoot(page, folder, "live");

            visit(page, "Actions");
            page.locator("#action-list tbody button").first().click();
            page.locator("#action-detail:not([hidden])").waitFor();
            page.locator("#card-preview").scrollIntoViewIfNeeded();
            page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve("actions.png")));

            visit(page, "Plugins");
            page.locator("#plugin-list tbody tr").first().waitFor();
            shoot(page, folder, "plugins");
            visit(page, "Webhooks");
            if (page.locator("#sink-list tbody tr").count() > 0) {
                page.locator("#sink-list tbody tr").first().getByRole(AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("Deliveries of")).click();
                page.locator("#delivery-list tbody tr").first().waitFor();
                page.locator("#delivery-box").scrollIntoViewIfNeeded();
                page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve("webhooks.png")));
            } else {
                shoot(page, folder, "webhooks");
            }
            visit(page, "Audit");
            page.locator("#audit-list tbody tr").first().waitFor();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify the chain")).click();
            page.locator("#audit-verdict:not(:empty)").waitFor();
            shoot(page, folder, "audit");
            visit(page, "Sandbox");
            page.locator("#sandbox-breakers li").first().waitFor();
            shoot(page, folder, "sandbox");
            browser.close();
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("the browser logged errors: " + errors);
        }
    }

    private static void visit(Page page, String name) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)).click();
        page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true)).waitFor();
    }

    private static void shoot(Page page, Path folder, String name) {
        page.evaluate("() => window.scrollTo(0, 0)");
        page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve(name + ".png")));
    }
}
