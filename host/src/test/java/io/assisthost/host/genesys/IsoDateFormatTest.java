package io.assisthost.host.genesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiDateFormat;
import com.mypurecloud.sdk.v2.model.KnowledgeDocumentResponse;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class IsoDateFormatTest {

    private static final List<String> GENESYS_DATES = List.of(
            "2024-05-01T10:00:00.123Z", "2024-05-01T10:00:00Z", "2024-05-01T10:00:00.123+02:00",
            "2024-05-01T23:30:00-05:30", "2024-05-01T10:00:00.123", "2024-05-01", "1999-12-31T23:59:59.999Z");

    @Test
    void readsEveryFormTheSdksOwnFormatReadsToTheSameInstant() throws ParseException {
        for (String text : GENESYS_DATES) {
            assertThat(new IsoDateFormat().parse(text)).as(text).isEqualTo(new ApiDateFormat().parse(text));
        }
    }

    @Test
    void readsFractionsOfASecondAsFractions() throws ParseException {
        // The SDK's format of this version reads ".1" as one millisecond; Genesys means a tenth of a second.
        assertThat(new IsoDateFormat().parse("2024-05-01T10:00:00.1Z").toInstant())
                .hasToString("2024-05-01T10:00:00.100Z");
        assertThat(new IsoDateFormat().parse("2024-05-01T10:00:00.12Z").toInstant())
                .hasToString("2024-05-01T10:00:00.120Z");
        assertThat(new IsoDateFormat().parse("2024-05-01T10:00:00.123456789Z").toInstant())
                .hasToString("2024-05-01T10:00:00.123Z");
    }

    @Test
    void writesAsTheSdkDoes() throws ParseException {
        for (String text : GENESYS_DATES) {
            Date date = new ApiDateFormat().parse(text);
            assertThat(new IsoDateFormat().format(date)).as(text).isEqualTo(new ApiDateFormat().format(date));
        }
    }

    @Test
    void refusesWhatIsNoDate() {
        for (String text : List.of("yesterday", "", "2024-13-01", "2024-05-01T25:00:00Z", "2024-05-01T10:00:00+")) {
            assertThatThrownBy(() -> new IsoDateFormat().parse(text)).as(text).isInstanceOf(ParseException.class);
        }
    }

    @Test
    void givesTheSdksObjectMapperTheSameDocuments() throws Exception {
        String json = """
                {"id":"doc-1","title":"Refunds","dateCreated":"2024-05-01T10:00:00.123Z",
                 "dateModified":"2024-05-02T11:00:00Z","datePublished":"2024-05-02T11:00:00.500+01:00"}""";
        ObjectMapper fast = ApiClient.buildObjectMapper(new IsoDateFormat());
        ObjectMapper sdk = ApiClient.buildObjectMapper(new ApiDateFormat());

        KnowledgeDocumentResponse read = fast.readValue(json, KnowledgeDocumentResponse.class);

        assertThat(read).isEqualTo(sdk.readValue(json, KnowledgeDocumentResponse.class));
        assertThat(read.getDatePublished()).isEqualTo(new Date(1714644000500L));
        assertThat(fast.writeValueAsString(read)).isEqualTo(sdk.writeValueAsString(read));
    }
}
