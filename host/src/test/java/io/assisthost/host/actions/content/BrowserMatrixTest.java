package io.assisthost.host.actions.content;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class BrowserMatrixTest {

    private static final Path SHIPPED = Path.of(System.getProperty("assist.conf.dir", "../conf"), "browsers.json");

    @Test
    void theShippedMatrixLoadsWithTheSupportedBrowsers() throws IOException {
        BrowserMatrix matrix = BrowserMatrix.load(SHIPPED);

        assertThat(matrix.browsers()).extracting(BrowserMatrix.Browser::name, BrowserMatrix.Browser::minVersion)
                .containsExactly(
                        tuple("chrome", "90"),
                        tuple("edge", "90"),
                        tuple("firefox", "88"),
                        tuple("safari", "14"));
        assertThat(matrix.features()).contains("flexbox", "webcomponents", "dialog", "container-queries");
    }

    @Test
    void theShippedMatrixKeepsTheSeedFeaturesEverywhere() throws IOException {
        BrowserMatrix matrix = BrowserMatrix.load(SHIPPED);

        assertThat(matrix.check(List.of("flexbox", "webcomponents", "grid", "fetch"))).isEmpty();
    }

    @Test
    void namesEachBrowserThatLacksAFeatureWithItsVersion() throws IOException {
        BrowserMatrix matrix = BrowserMatrix.load(SHIPPED);

        assertThat(matrix.check(List.of("dialog"))).containsExactly(
                new FeatureGap.Missing("dialog", "firefox", "88"),
                new FeatureGap.Missing("dialog", "safari", "14"));
        assertThat(matrix.check(List.of("container-queries"))).hasSize(4);
    }

    @Test
    void reportsFeaturesNoBrowserKnowsAsUnknown() throws IOException {
        BrowserMatrix matrix = BrowserMatrix.load(SHIPPED);

        List<FeatureGap> gaps = matrix.check(List.of("teleportation"));

        assertThat(gaps).containsExactly(new FeatureGap.Unknown("teleportation"));
        assertThat(gaps.get(0).message()).isEqualTo("teleportation is not a feature the browser matrix knows");
    }

    @Test
    void aFeatureMissingInOneBrowserIsNamedWithThatBrowser() {
        BrowserMatrix matrix = BrowserMatrix.read(matrix(
                browser("chrome", "90", "flexbox", "dialog"), browser("safari", "15.4", "flexbox")));

        List<FeatureGap> gaps = matrix.check(List.of(" Flexbox ", "dialog", "dialog"));

        assertThat(gaps).containsExactly(new FeatureGap.Missing("dialog", "safari", "15.4"));
        assertThat(gaps.get(0).message()).isEqualTo("safari 15.4 lacks dialog");
        assertThat(gaps.get(0).toJson().getString("browser")).isEqualTo("safari");
    }

    @Test
    void allRequiredFeaturesSupportedMeansNoGaps() {
        BrowserMatrix matrix = BrowserMatrix.read(matrix(browser("chrome", "90", "flexbox", "dialog")));

        assertThat(matrix.check(List.of("flexbox", "dialog"))).isEmpty();
        assertThat(matrix.check(List.of())).isEmpty();
    }

    @Test
    void rendersItselfForTheApi() {
        JsonObject json = BrowserMatrix.read(matrix(browser("chrome", "90", "flexbox", "dialog"))).toJson();

        assertThat(json.getJsonObject("features").fieldNames()).containsExactlyInAnyOrder("flexbox", "dialog");
        assertThat(json.getJsonArray("browsers").getJsonObject(0).getMap())
                .containsEntry("name", "chrome").containsEntry("minVersion", "90");
        assertThat(json.getJsonArray("browsers").getJsonObject(0).getJsonArray("features").getList())
                .containsExactly("dialog", "flexbox");
    }

    @Test
    void refusesBrowsersThatClaimFeaturesOutsideTheCatalogue() {
        JsonObject json = matrix(browser("chrome", "90", "flexbox", "telepathy"));

        assertThatThrownBy(() -> BrowserMatrix.read(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("browsers[0] (chrome): feature telepathy is not in 'features'");
    }

    @Test
    void refusesIncompleteEntriesAndDuplicates() {
        JsonObject noVersion = matrix(new JsonObject().put("name", "chrome").put("features", new JsonArray()));
        JsonObject twice = matrix(browser("chrome", "90"), browser("Chrome", "91"));

        assertThatThrownBy(() -> BrowserMatrix.read(noVersion))
                .hasMessage("browsers[0]: needs a name, a minVersion and a features array");
        assertThatThrownBy(() -> BrowserMatrix.read(twice)).hasMessage("browsers[1]: chrome is listed twice");
    }

    private static JsonObject matrix(JsonObject... browsers) {
        return new JsonObject()
                .put("features", new JsonObject().put("flexbox", "flex layout").put("dialog", "the dialog element"))
                .put("browsers", new JsonArray(List.of((Object[]) browsers)));
    }

    private static JsonObject browser(String name, String minVersion, String... features) {
        return new JsonObject().put("name", name).put("minVersion", minVersion)
                .put("features", new JsonArray(List.of((Object[]) features)));
    }
}
