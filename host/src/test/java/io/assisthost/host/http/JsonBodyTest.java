package io.assisthost.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void decodesStrictJson() {
        assertThat(JsonBody.decode(Buffer.buffer("{\"a\":[1,\"é\",null]}"))).isEqualTo(new JsonObject("{\"a\":[1,\"é\",null]}"));
    }

    @Test
    void refusesWhatOnlyLenientParsersRead() {
        for (String text : new String[] {"/* c */{\"a\":1}", "{\"a\":1} // c", "{'a':1}", "{\"a\":NaN}", "{\"a\":1} trailing"}) {
            assertThatThrownBy(() -> JsonBody.decode(Buffer.buffer(text))).as(text).isInstanceOf(DecodeException.class);
        }
    }

    @Test
    void refusesInvalidUtf8ThatJacksonWouldRead() {
        byte[][] sequences = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xFF}};
        for (byte[] bytes : sequences) {
            Buffer body = Buffer.buffer("{\"a\":\"").appendBytes(bytes).appendString("\"}");
            assertThatThrownBy(() -> JsonBody.decode(body)).isInstanceOf(DecodeException.class).hasMessageContaining("UTF-8");
        }
    }

    @Test
    void refusesNestingDeeperThanTheLimit() {
        String deep = "[".repeat(JsonBody.MAX_DEPTH + 1) + "]".repeat(JsonBody.MAX_DEPTH + 1);
        String allowed = "[".repeat(JsonBody.MAX_DEPTH) + "]".repeat(JsonBody.MAX_DEPTH);
        String tenThousand = "[".repeat(10_000) + "]".repeat(10_000);

        assertThatThrownBy(() -> JsonBody.decode(Buffer.buffer(deep))).isInstanceOf(DecodeException.class);
        assertThatThrownBy(() -> JsonBody.decode(Buffer.buffer(tenThousand))).isInstanceOf(DecodeException.class);
        assertThat(JsonBody.decode(Buffer.buffer(allowed))).isNotNull();
    }

    @Test
    void findsMalformedRequestTargets() {
        assertThat(JsonBody.malformedTarget("/api/v1/actions/caf%C3%A9?limit=10")).isNull();
        assertThat(JsonBody.malformedTarget("/api/v1/interactions/%/subscription")).contains("hex");
        assertThat(JsonBody.malformedTarget("/api/v1/audit?limit=%zz")).contains("hex");
        assertThat(JsonBody.malformedTarget("/api/v1/interactions/%C3%28/subscription")).contains("UTF-8");
        assertThat(JsonBody.malformedTarget("/api/v1/audit?limit=%E2%82")).contains("UTF-8");
    }
}
