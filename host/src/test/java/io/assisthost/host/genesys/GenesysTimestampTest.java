package io.assisthost.host.genesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hand reader against {@code java.time}, which {@link IsoDateFormat} used for every date before. */
class GenesysTimestampTest {

    /** What java.time reads, in epoch milliseconds cut as {@link java.util.Date} cuts; null if it refuses. */
    private static Long javaTime(String text) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
        } catch (DateTimeParseException refused) {
            return null;
        }
    }

    @Test
    void readsTheFormsGenesysWrites() {
        assertThat(GenesysTimestamp.epochMillis("2025-08-18T08:31:00.000Z"))
                .isEqualTo(Instant.parse("2025-08-18T08:31:00Z").toEpochMilli());
        assertThat(GenesysTimestamp.epochMillis("2024-05-01T10:00:00.5+01:00")).isEqualTo(1714554000500L);
        assertThat(GenesysTimestamp.epochMillis("2024-02-29T23:59:59.999999999-05:30"))
                .isEqualTo(Instant.parse("2024-03-01T05:29:59.999Z").toEpochMilli());
        assertThat(GenesysTimestamp.epochMillis("1969-12-31T23:59:59.999Z")).isEqualTo(-1);
    }

    @Test
    void leavesEverythingElseToJavaTime() {
        for (String text : List.of("2023-02-29T10:00:00Z", "2024-04-31T10:00:00Z", "2024-05-01T24:00:00Z",
                "2024-05-01T10:60:00Z", "2024-05-01T10:00:60Z", "2024-05-01T10:00:00.Z", "2024-05-01T10:00:00.1234567890Z",
                "2024-05-01T10:00:00+19:00", "2024-05-01T10:00:00+02", "2024-05-01T10:00:00+02:00:30",
                "2024-05-01t10:00:00Z", "2024-05-01T10:00:00", "2024-05-01", "+2024-05-01T10:00:00Z", "２024-05-01T10:00:00Z",
                "2024-05-01T10:00:00ZZ", "")) {
            assertThat(GenesysTimestamp.epochMillis(text)).as(text).isEqualTo(GenesysTimestamp.UNREAD);
        }
    }

    @Property(tries = 3000)
    void readsEveryStrictTimestampAsJavaTimeDoes(@ForAll("timestamps") String text) {
        assertThat(GenesysTimestamp.epochMillis(text)).as(text).isEqualTo(javaTime(text));
    }

    @Property(tries = 3000)
    void neverReadsWhatJavaTimeRefusesOrReadsOtherwise(@ForAll("damagedTimestamps") String text) {
        long read = GenesysTimestamp.epochMillis(text);
        if (read != GenesysTimestamp.UNREAD) {
            assertThat(read).as(text).isEqualTo(javaTime(text));
        }
    }

    @Provide
    Arbitrary<String> timestamps() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(-62_135_596_800L, 253_402_214_400L)
                .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                        .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
        Arbitrary<ZoneOffset> offsets = Arbitraries.integers().between(-18 * 60, 18 * 60)
                .map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60));
        Arbitrary<Integer> fractionDigits = Arbitraries.integers().between(0, 9);
        Arbitrary<Boolean> zulu = Arbitraries.of(true, false);
        return Combinators.combine(instants, offsets, fractionDigits, zulu).as((instant, offset, digits, z) -> {
            ZoneOffset zone = z ? ZoneOffset.UTC : offset;
            String fraction = digits == 0 ? "" : "." + String.format("%09d", instant.atOffset(zone).getNano())
                    .substring(0, digits);
            String offsetText = z ? "Z" : zone.getTotalSeconds() == 0 ? "+00:00" : zone.getId();
            return DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").format(instant.atOffset(zone))
                    + fraction + offsetText;
        });
    }

    /** Strict timestamps with one character replaced, dropped or repeated. */
    @Provide
    Arbitrary<String> damagedTimestamps() {
        Arbitrary<Character> replacements = Arbitraries.of('0', '1', '2', '3', '5', '9', '-', ':', '.', 'T', 'Z', '+',
                ' ', 'x', '٣');
        return Combinators.combine(timestamps(), Arbitraries.integers().between(0, 40), replacements,
                Arbitraries.integers().between(0, 2)).as((text, where, c, how) -> {
                    int at = where % text.length();
                    return switch (how) {
                        case 0 -> text.substring(0, at) + c + text.substring(at + 1);
                        case 1 -> text.substring(0, at) + text.substring(at + 1);
                        default -> text.substring(0, at) + text.charAt(at) + text.substring(at);
                    };
                });
    }
}
