package io.assisthost.host.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The emulator's responses as bytes on the wire: status lines, exact header spellings, Genesys bodies. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EmulatorWireTest {

    private Vertx vertx;
    private GenesysEmulator emulator;

    /** A raw HTTP/1.1 response. */
    private record Raw(int status, List<String> headerLines, JsonObject body) {
        String header(String exactName) {
            return headerLines.stream().filter(line -> line.startsWith(exactName + ":"))
                    .map(line -> line.substring(exactName.length() + 1).trim()).findFirst().orElse(null);
        }
    }

    @BeforeEach
    void setUp() {
        vertx = BlockedEventLoopGuard.strictVertx();
        emulator = GenesysSandbox.deploy(vertx, GenesysSandbox.settings());
    }

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    private Raw exchange(String method, String path, String... headersAndBody) throws IOException {
        String body = headersAndBody.length % 2 == 1 ? headersAndBody[headersAndBody.length - 1] : "";
        StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        for (int i = 0; i + 1 < headersAndBody.length; i += 2) {
            request.append(headersAndBody[i]).append(": ").append(headersAndBody[i + 1]).append("\r\n");
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        request.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    private static Raw parse(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        in.transferTo(all);
        String text = all.toString(StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String[] head = text.substring(0, split).split("\r\n");
        List<String> headers = new ArrayList<>(List.of(head).subList(1, head.length));
        String body = text.substring(split + 4);
        return new Raw(Integer.parseInt(head[0].split(" ")[1]), headers, body.isBlank() ? null : new JsonObject(body));
    }

    private String token() throws IOException {
        String basic = Base64.getEncoder().encodeToString((GenesysSandbox.CLIENT_ID + ":" + GenesysSandbox.CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        Raw granted = exchange("POST", "/oauth/token", "Authorization", "Basic " + basic,
                "Content-Type", "application/x-www-form-urlencoded", "grant_type=client_credentials");
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.body().getString("token_type")).isEqualTo("bearer");
        assertThat(granted.body().getLong("expires_in")).isEqualTo(3600);
        return granted.body().getString("access_token");
    }

    @Test
    void rateLimitedAnswersSpellRetryAfterAndTheCorrelationIdExactly() throws IOException {
        String token = token();
        emulator.faults().set(new JsonObject().put("target", "*").put("rateLimitRetryAfterSeconds", 42));
        Raw limited = exchange("GET", "/api/v2/knowledge/knowledgebases", "Authorization", "Bearer " + token);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("42");
        String correlationId = limited.header("ININ-Correlation-Id");
        assertThat(correlationId).isNotBlank();
        assertThat(limited.body().getMap()).containsOnlyKeys("message", "code", "status", "contextId", "details", "errors");
        assertThat(limited.body().getString("code")).isEqualTo("too.many.requests.retry.after");
        assertThat(limited.body().getString("message")).contains("[42] seconds");
        assertThat(limited.body().getString("contextId")).isEqualTo(correlationId);
    }

    @Test
    void missingAndUnknownTokensGetGenesys401s() throws IOException {
        Raw missing = exchange("GET", "/api/v2/knowledge/knowledgebases");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body().getString("code")).isEqualTo("authentication.required");
        Raw unknown = exchange("GET", "/api/v2/knowledge/knowledgebases", "Authorization", "Bearer nope");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().getString("code")).isEqualTo("bad.credentials");
        assertThat(unknown.header("ININ-Correlation-Id")).isNotBlank();
    }

    @Test
    void tokenEndpointRefusesUnknownClientsAndOtherGrants() throws IOException {
        String wrong = Base64.getEncoder().encodeToString("someone:else".getBytes(StandardCharsets.UTF_8));
        Raw refused = exchange("POST", "/oauth/token", "Authorization", "Basic " + wrong,
                "Content-Type", "application/x-www-form-urlencoded", "grant_type=client_credentials");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().getString("error")).isEqualTo("invalid_client");
        Raw grant = exchange("POST", "/oauth/token", "Authorization", "Basic " + wrong,
                "Content-Type", "application/x-www-form-urlencoded", "grant_type=password");
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.body().getString("error")).isEqualTo("unsupported_grant_type");
    }

    @Test
    void aDocumentIsReadWithWhatIsExpandedInFullAndTheRestAsReferences() throws IOException {
        String token = token();
        String base = "/api/v2/knowledge/knowledgebases/" + GenesysSandbox.PRIMARY + "/documents";
        Raw search = exchange("POST", base + "/search", "Authorization", "Bearer " + token,
                "Content-Type", "application/json", "{\"query\":\"refund\",\"pageSize\":1}");
        String id = search.body().getJsonArray("results").getJsonObject(0).getJsonObject("document").getString("id");

        JsonObject plain = exchange("GET", base + "/" + id, "Authorization", "Bearer " + token).body();
        assertThat(plain.getJsonObject("category").fieldNames()).containsOnly("id", "selfUri");
        assertThat(plain.getJsonArray("labels").getJsonObject(0).fieldNames()).containsOnly("id", "selfUri");
        assertThat(plain.containsKey("variations")).isFalse();
        JsonObject full = exchange("GET", base + "/" + id + "?expand=category&expand=labels&expand=variations&state=Published",
                "Authorization", "Bearer " + token).body();
        assertThat(full.getJsonObject("category").getString("name")).isNotBlank();
        assertThat(full.getJsonArray("labels").getJsonObject(0).getString("name")).isNotBlank();
        assertThat(full.getJsonArray("variations")).hasSize(1);

        Raw badExpand = exchange("GET", base + "/" + id + "?expand=everything", "Authorization", "Bearer " + token);
        assertThat(badExpand.status()).isEqualTo(400);
        assertThat(badExpand.body().getString("message"))
                .isEqualTo("expand must be one of [category, labels, variations], was everything");
        Raw badState = exchange("GET", base + "/" + id + "?state=Archived", "Authorization", "Bearer " + token);
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.body().getString("message")).isEqualTo("state must be one of [Draft, Published], was Archived");
        Raw unknown = exchange("GET", base + "/no-such-document", "Authorization", "Bearer " + token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().getString("code")).isEqualTo("not.found");
    }

    @Test
    void malformedBodiesAndUnknownPathsGetGenesysErrors() throws IOException {
        String token = token();
        Raw malformed = exchange("POST", "/api/v2/knowledge/knowledgebases/" + GenesysSandbox.PRIMARY + "/documents/search",
                "Authorization", "Bearer " + token, "Content-Type", "application/json", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().getString("code")).isEqualTo("bad.request");
        Raw unknown = exchange("GET", "/api/v2/nothing-here", "Authorization", "Bearer " + token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().getInteger("status")).isEqualTo(404);
        Raw outage = exchange("GET", "/api/v2/knowledge/knowledgebases", "Authorization", "Bearer " + token);
        assertThat(outage.status()).isEqualTo(200);
        emulator.faults().set(new JsonObject().put("target", "*").put("outage", true));
        Raw down = exchange("GET", "/api/v2/knowledge/knowledgebases", "Authorization", "Bearer " + token);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.header("Retry-After")).isEqualTo("30");
    }
}
