package io.assisthost.host.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.FrameLocator;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import io.assisthost.host.HostVerticle;
import io.assisthost.host.testing.HeadlessChromium;
import io.assisthost.host.testing.TestHosts;
import io.assisthost.host.testing.TestPlugins;
import io.assisthost.host.testing.WebhookReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every console page in Debian's headless Chromium against one real host in sandbox mode (generator on,
 * bundled plugins installed). Each test logs in on a fresh page and fails on any browser console error.
 * Screenshots of the pages land in {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleBrowserIT {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String REFUSED = "Failed to load resource: the server responded with a status of 400";
    private static final String PRIMARY = "b38aaed3-57d5-5219-a632-3fe43f74b97e";
    private static final String DESK = "desk-read-token-0123456789";
    private static final LocatorAssertions.HasCountOptions SLOW = new LocatorAssertions.HasCountOptions().setTimeout(30_000);

    @TempDir
    static Path home;

    private Vertx vertx;
    private HostVerticle host;
    private WebhookReceiver receiver;
    private Playwright playwright;
    private Browser browser;
    private Page page;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    // Chromium logs every refused request as a console error; the ones a test provokes on purpose are
    // expected, by path, and nothing else may be refused.
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final List<String> expectedRefusals = new CopyOnWriteArrayList<>();

    @BeforeAll
    void startHostAndBrowser() throws Exception {
        vertx = Vertx.vertx();
        receiver = new WebhookReceiver().start(vertx);
        TestHosts.installBundledPlugins(home.resolve("plugins"));
        host = TestHosts.deploy(vertx, home, new JsonObject()
                .put("sandbox", new JsonObject().put("generator", true).put("utteranceIntervalMs", 300)
                        .put("conversationsPerMinute", 30))
                .put("webhooks", new JsonObject().put("allowHosts", new JsonArray().add("127.0.0.1")))
                .put("api", new JsonObject().put("tokens", new JsonArray().add(new JsonObject().put("name", "desk")
                        .put("scope", "read").put("token", DESK)))));
        playwright = HeadlessChromium.playwright();
        browser = HeadlessChromium.launch(playwright);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    void stop() {
        if (playwright != null) {
            playwright.close();
        }
        vertx.close().await();
    }

    @BeforeEach
    void logIn() {
        errors.clear();
        refused.clear();
        expectedRefusals.clear();
        page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800));
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") && message.text().startsWith(REFUSED)) {
                refused.add(java.net.URI.create(message.location().replaceAll("(:\\d+)+$", "")).getPath());
            } else if (message.type().equals("error")) {
                errors.add(message.text());
            }
        });
        page.onPageError(errors::add);
        page.navigate("http://127.0.0.1:" + host.httpPort() + "/");
        assertThat(page.locator("#ready")).hasText("UP");
        page.getByLabel("API token").fill(TestHosts.TOKEN);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Live"))).isVisible();
    }

    @AfterEach
    void noConsoleErrors() {
        page.close();
        assertThat(errors).as("browser console errors").isEmpty();
        assertThat(refused).as("requests the host refused").isSubsetOf(expectedRefusals);
    }

    @Test
    void seesSandboxTrafficMoveOnTheLivePage() {
        Locator pipeline = page.locator("#stages tbody tr[data-stage='pipeline']");
        assertThat(pipeline).hasCount(1, SLOW);
        assertThat(page.locator("#stages tbody tr[data-stage='genesys']")).hasCount(1);
        assertThat(page.locator("#stream-status")).hasText("stream: live");

        // The figures move: the row is redrawn with new numbers as seconds pass, and the chart draws them.
        String before = pipeline.innerText();
        assertThat(pipeline).not().hasText(before, new LocatorAssertions.HasTextOptions().setTimeout(15_000));
        assertThat((Boolean) page.evaluate("() => window.Chart.getChart('latency-chart').data.datasets"
                + ".some(set => set.label === 'pipeline pipeline' && set.data.some(v => v > 0))")).isTrue();
        screenshot("live");
    }

    @Test
    void createsAnActionFixesItsFieldErrorDeploysItAndSeesItTriggerFromASandboxConversation() {
        open("Actions");
        Locator actions = page.locator("#actions");
        button(actions, "New action").click();
        actions.getByLabel("Name", new Locator.GetByLabelOptions().setExact(true)).fill("refund-or-password");
        actions.getByLabel("Description").fill("Refunds and passwords");
        actions.getByLabel("Phrases, one per line").fill("refund\npassword");
        expectedRefusals.add("/api/v1/actions");
        expectedRefusals.add("/api/v1/actions/refund-or-password/rollout");
        Locator html = actions.getByLabel("HTML");
        html.fill("<div class=\"assist-card\"><p>Check the order.</p><script>alert(1)</script></div>");
        button(actions, "Save").click();

        Locator htmlError = actions.locator("[data-field='content.html'] .field-error");
        assertThat(htmlError).hasText("script elements are not allowed: <script>");
        assertThat(html).hasAttribute("aria-invalid", "true");
        assertThat(html).hasAttribute("aria-describedby", htmlError.getAttribute("id"));

        html.fill("<div class=\"assist-card\"><h3>Refund or password</h3><p>Check the order first.</p></div>");
        button(actions, "Check").click();
        assertThat(htmlError).hasCount(0);
        assertThat(actions.locator("#action-form .form-result")).hasText("Valid.");
        button(actions, "Save").click();
        assertThat(actions.locator("#action-detail-title")).hasText("refund-or-password (draft)");
        FrameLocator preview = page.frameLocator("#card-preview");
        assertThat(preview.locator("h3")).hasText("Refund or password");

        button(actions, "Deploy 1.0.0").click();
        assertThat(actions.locator("#action-detail-title")).hasText("refund-or-password (deployed)");
        assertThat(actions.locator("#action-versions tbody tr").first()).containsText("100 % (control)");

        // A second version: the diff shows what changed.
        button(actions, "New version").click();
        assertThat(actions.getByLabel("Version", new Locator.GetByLabelOptions().setExact(true))).hasValue("1.0.1");
        actions.getByLabel("Description").fill("Refunds and passwords, shorter");
        button(actions, "Save").click();
        assertThat(actions.locator("#action-diff .removed")).hasText(new String[]{"-   \"version\": \"1.0.0\",",
                "-   \"description\": \"Refunds and passwords\","});
        assertThat(actions.locator("#action-diff .added")).hasText(new String[]{"+   \"version\": \"1.0.1\",",
                "+   \"description\": \"Refunds and passwords, shorter\","});

        // Deploy the new version, roll back to the first, then split traffic between them.
        button(actions, "Deploy 1.0.1").click();
        assertThat(actions.locator("#action-versions tbody tr").first()).containsText("100 % (control)");
        button(actions, "Roll back to 1.0.0").click();
        assertThat(actions.locator("#action-versions tbody tr").nth(1)).containsText("100 % (control)");
        Locator rollout = actions.locator("#rollout-form");
        rollout.getByLabel("weight of variant 1").fill("50");
        button(rollout, "Add variant").click();
        rollout.getByLabel("version of variant 2").selectOption("1.0.1");
        rollout.getByLabel("weight of variant 2").fill("60");
        rollout.getByLabel("group of variant 2").fill("treatment");
        button(rollout, "Save rollout").click();
        assertThat(rollout.locator("[data-field='rollout.variants'] .field-error")).hasText("weights must sum to 100: sum 110");
        rollout.getByLabel("weight of variant 2").fill("50");
        button(rollout, "Save rollout").click();
        assertThat(actions.locator("#action-versions tbody tr").first()).containsText("50 % (treatment)");
        assertThat(actions.locator("#action-versions tbody tr").nth(1)).containsText("50 % (control)");

        // The generator's conversations mention refunds and passwords: a card shows up for this action.
        assertThat(actions.locator("#action-triggers li").first()).containsText(
                java.util.regex.Pattern.compile("1\\.0\\.[01] \\((control|treatment)\\) in "),
                new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        screenshot("actions", actions.locator("#preview-box"));
    }

    @Test
    void aSandboxOutageOpensTheBreakerAndFallbacksAreCounted() {
        open("Sandbox");
        Locator sandbox = page.locator("#sandbox");
        assertThat(sandbox.locator("#ff-target option")).hasCount(3);
        sandbox.getByLabel("Target").selectOption(PRIMARY);
        sandbox.getByLabel("Outage").check();
        button(sandbox, "Apply").click();
        try {
            assertThat(sandbox.locator("#fault-list tbody tr")).containsText("Test Care");
            // Open, or half open after its reset timeout (800 ms here) until the next call probes it: either
            // shows it tripped, and which one the page shows when it is looked at is a matter of timing.
            assertThat(sandbox.locator("#sandbox-breakers li[data-state='OPEN'], #sandbox-breakers li[data-state='HALF_OPEN']"))
                    .hasCount(1, SLOW);
            assertThat(sandbox.locator("#fallback-count")).not().hasText("0");
            assertThat(sandbox.locator("#sandbox-fallbacks li").first()).containsText("served for");
            screenshot("sandbox");
        } finally {
            button(sandbox, "Clear all faults").click();
            assertThat(sandbox.locator("#fault-list tbody tr")).hasCount(0);
        }
    }

    @Test
    void uploadsAPluginJarAndStopsIt() throws Exception {
        Path jar = TestPlugins.good(home.resolve("uploads"), "console-scorer");
        open("Plugins");
        Locator plugins = page.locator("#plugins");
        assertThat(plugins.locator("#plugin-list tbody tr")).hasCount(TestHosts.BUNDLED.size());
        plugins.getByLabel("Plugin jar").setInputFiles(jar);
        button(plugins, "Upload").click();
        assertThat(plugins.locator("#plugin-upload .form-result")).hasText("Installed console-scorer 1.0.0: STARTED.");
        Locator row = plugins.locator("tr[data-plugin='console-scorer']");
        assertThat(row).containsText("Scorer: FixedScorer");

        button(row, "Stop console-scorer").click();
        assertThat(row.locator(".state")).hasText("STOPPED");
        screenshot("plugins");
        button(row, "Start console-scorer").click();
        assertThat(row.locator(".state")).hasText("STARTED");
    }

    @Test
    void addsAWebhookSinkAndWatchesItsDeliveries() {
        open("Webhooks");
        Locator webhooks = page.locator("#webhooks");
        expectedRefusals.add("/api/v1/webhooks");
        Locator url = webhooks.getByLabel("URL");
        url.fill("http://hooks.example.com/assist");
        button(webhooks, "Add sink").click();
        assertThat(webhooks.locator("[data-field='url'] .field-error"))
                .hasText("must use https (or its host must be in webhooks.allowHosts)");

        url.fill(receiver.url());
        button(webhooks, "Add sink").click();
        assertThat(webhooks.locator("#sink-form .form-result")).containsText("Its signing secret, shown only now: whsec_");
        Locator sink = webhooks.locator("#sink-list tbody tr");
        assertThat(sink).hasCount(1);
        sink.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Deliveries of")).click();

        // Every answered recommendation of a request is an event; ask for one.
        TestHosts.call(io.vertx.ext.web.client.WebClient.create(vertx), host, io.vertx.core.http.HttpMethod.POST,
                "/api/v1/recommendations", new JsonObject().put("conversationId", "console-1").put("query", "refund"));
        assertThat(webhooks.locator("#delivery-list tbody tr[data-state='delivered']", new Locator.LocatorOptions()
                .setHasText("agentassist.recommendations.delivered")).first())
                .containsText("console-1", new LocatorAssertions.ContainsTextOptions().setTimeout(20_000));
        button(webhooks, "Replay dead letters").click();
        assertThat(page.locator("#notice")).hasText(java.util.regex.Pattern.compile("Replaying 0 dead letters of .+\\."));
        screenshot("webhooks");
    }

    @Test
    void searchesTheAuditLogAndVerifiesItsChain() {
        open("Audit");
        Locator audit = page.locator("#audit");
        audit.getByLabel("Kind").selectOption("config");
        button(audit, "Search").click();
        assertThat(audit.locator("#audit-list tbody tr").first()).containsText("config");
        assertThat(audit.locator("#audit-list tbody tr td:nth-child(3)")).not().containsText(new String[]{"trigger"});
        button(audit, "Verify the chain").click();
        assertThat(audit.locator("#audit-verdict")).containsText("The chain is intact");
        screenshot("audit");
    }

    @Test
    void aReadTokenSeesEveryPageButIsOfferedNoChange() {
        logInAs(DESK);
        assertThat(page.locator("#token-scope")).hasText("token desk: read only, changes need an admin token");

        open("Actions");
        Locator actions = page.locator("#actions");
        assertThat(actions.locator("#action-list")).isVisible();
        assertThat(button(actions, "New action")).isHidden();
        open("Plugins");
        Locator plugins = page.locator("#plugins");
        assertThat(plugins.locator("#plugin-list tbody tr")).hasCount(TestHosts.BUNDLED.size());
        assertThat(plugins.locator("#plugin-list button")).hasCount(2 * TestHosts.BUNDLED.size());
        for (Locator operation : plugins.locator("#plugin-list button").all()) {
            assertThat(operation).isHidden();
        }
        assertThat(plugins.locator("#plugin-upload")).isHidden();
        open("Webhooks");
        assertThat(page.locator("#sink-form")).isHidden();
        open("Sandbox");
        Locator sandbox = page.locator("#sandbox");
        assertThat(sandbox.locator("#fault-form")).isHidden();
        assertThat(sandbox.locator("#sandbox-breakers li")).not().hasCount(0);
        open("Audit");
        Locator audit = page.locator("#audit");
        button(audit, "Search").click();
        assertThat(audit.locator("#audit-list tbody tr").first()).isVisible();
        screenshot("read-only");

        // The same tab, logged in again with the admin token, is offered changes again, and each control
        // acts once: the pages of the earlier sessions are gone, not listening alongside the new ones.
        logInAs(TestHosts.TOKEN);
        assertThat(page.locator("#token-scope")).hasText("token api-token");
        open("Actions");
        assertThat(button(page.locator("#actions"), "New action")).isVisible();
        open("Audit");
        List<String> searches = new CopyOnWriteArrayList<>();
        page.onRequest(request -> {
            if (request.url().contains("/api/v1/audit?")) {
                searches.add(request.url());
            }
        });
        button(audit, "Search").click();
        assertThat(audit.locator("#audit-list tbody tr").first()).isVisible();
        assertThat(searches).hasSize(1);
    }

    @Test
    void worksFromTheKeyboardOnANarrowWindowWithEveryInputLabelled() {
        page.setViewportSize(390, 800);
        Locator link = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Actions"));
        link.focus();
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Actions").setExact(true)))
                .isVisible();
        assertThat(link).hasAttribute("aria-current", "page");
        page.keyboard().press("Tab");
        page.keyboard().press("Tab");
        assertThat(page.locator(":focus")).isVisible();

        // Nothing but tables (which scroll in their own box) is wider than the window.
        assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
        List<?> unlabelled = (List<?>) page.evaluate("() => [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))"
                + ".map(e => e.id || e.name)");
        assertThat(unlabelled).as("inputs without a label").isEmpty();
    }

    private void logInAs(String token) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
        assertThat(page.locator("#login-error")).hasText("Logged out.");
        page.getByLabel("API token").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        // Back on the page the tab was on. The generator's traffic shares the host's two cores with the
        // browser, so a login may take longer than an assertion's default five seconds.
        assertThat(page.locator("#login")).isHidden(new LocatorAssertions.IsHiddenOptions().setTimeout(30_000));
        assertThat(page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Pages"))).isVisible();
    }

    /** The button named exactly {@code name} within {@code scope}. */
    private static Locator button(Locator scope, String name) {
        return scope.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(name).setExact(true));
    }

    private void open(String name) {
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name)).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true)))
                .isVisible();
    }

    // What a 1280×800 window shows from the top (a full-page capture would leave out the card preview's frame).
    private void screenshot(String name) {
        page.evaluate("() => window.scrollTo(0, 0)");
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }

    private void screenshot(String name, Locator from) {
        from.scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }
}
