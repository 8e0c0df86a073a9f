package io.assisthost.host.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.assisthost.host.sandbox.ConversationScript;
import io.assisthost.host.sandbox.GenesysEmulator;
import io.assisthost.host.testing.BlockedEventLoopGuard;
import io.assisthost.host.testing.GenesysSandbox;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Notification channel, subscription and WebSocket frames end to end: emulator generator → host feed. */
@ExtendWith(BlockedEventLoopGuard.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TranscriptFeedTest {

    private final Vertx vertx = BlockedEventLoopGuard.strictVertx();

    @AfterEach
    void tearDown() {
        vertx.close().await();
    }

    @Test
    void generatedConversationsArriveAsFinalUtterancesAndAnEnd() {
        GenesysEmulator emulator = GenesysSandbox.deploy(vertx, GenesysSandbox.settings());
        List<TranscriptEvent> events = new CopyOnWriteArrayList<>();
        GenesysRuntime genesys = GenesysSandbox.connect(vertx, emulator, GenesysSandbox.options(new JsonObject()),
                GenesysSandbox.CLIENT_ID, GenesysSandbox.CLIENT_SECRET, events::add).await();
        assertThat(genesys.feed().connected()).isTrue();
        emulator.generator().addListener((conversationId, script) ->
                genesys.feed().follow(conversationId, script.mediaType(), script.queue()));

        ConversationScript script = emulator.generator().scripts().get(0);
        String conversationId = emulator.play(script).await();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().anyMatch(TranscriptEvent::ended));

        assertThat(events).allMatch(event -> event.conversationId().equals(conversationId));
        assertThat(events).hasSize(3);
        assertThat(events.get(0).speaker()).isEqualTo("customer");
        assertThat(events.get(0).text()).isEqualTo(script.turns().get(0).text());
        assertThat(events.get(0).confidence()).isEqualTo(script.turns().get(0).confidence());
        assertThat(events.get(0).mediaType()).isEqualTo("Voice");
        assertThat(events.get(0).queue()).isEqualTo("Billing");
        assertThat(events.get(1).speaker()).isEqualTo("agent");
        assertThat(events.get(2).ended()).isTrue();
        assertThat(genesys.feed().followed()).as("unfollowed at the end").isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> emulator.subscribedTopics() == 0);
        assertThat(genesys.feed().received()).isEqualTo(3);
        genesys.close().await();
    }
}
