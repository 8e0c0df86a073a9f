package io.assisthost.host.genesys;

import java.text.DateFormat;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Calendar;
import java.util.Date;
import java.util.TimeZone;

/**
 * The dates of Genesys JSON, read and written with {@code java.time} for the SDK's object mapper.
 *
 * <p>Accepts what the SDK's own format accepts: ISO-8601 date-times with an offset and any fraction of
 * a second ({@code 2024-05-01T10:00:00.123Z}, {@code …:00+02:00}, {@code …:00.1234567Z}), without an
 * offset (read in UTC), and dates alone (midnight UTC); fractions finer than milliseconds are cut, as
 * {@link Date} holds no more. Writes {@code yyyy-MM-dd'T'HH:mm:ss.SSSXXX} in UTC, as the SDK does.
 *
 * <p>The SDK's format tries up to four {@code SimpleDateFormat}s per value after two regular
 * expressions, and is copied for every response read; a search response holds a few dozen dates, so
 * that showed as a quarter of the time spent reading Genesys answers. This one copies nothing, and reads
 * the form Genesys writes ({@code yyyy-MM-ddTHH:mm:ss}, an optional fraction, {@code Z} or
 * {@code ±HH:mm}) by hand: {@code java.time}'s general parser still cost a tenth of a search's time at
 * load. Anything else, and anything the hand reader is unsure of, goes to {@code java.time}, so both
 * accept and refuse the same texts.
 */
final class IsoDateFormat extends DateFormat {

    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    IsoDateFormat() {
        setCalendar(Calendar.getInstance(TimeZone.getTimeZone("UTC")));
        setNumberFormat(NumberFormat.getInstance());
    }

    @Override
    public StringBuffer format(Date date, StringBuffer toAppendTo, FieldPosition fieldPosition) {
        return toAppendTo.append(WRITTEN.format(date.toInstant()));
    }

    @Override
    public Date parse(String source, ParsePosition position) {
        String text = source.substring(position.getIndex()).trim();
        Instant instant = instant(text);
        if (instant == null) {
            position.setErrorIndex(position.getIndex());
            return null;
        }
        position.setIndex(source.length());
        return new Date(instant.toEpochMilli());
    }

    private static Instant instant(String text) {
        long millis = GenesysTimestamp.epochMillis(text);
        if (millis != GenesysTimestamp.UNREAD) {
            return Instant.ofEpochMilli(millis);
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
            boolean hasOffset = last == 'Z' || last == 'z' || text.lastIndexOf('+') > 10 || text.lastIndexOf('-') > 10;
            return hasOffset ? OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant()
                    : LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    @Override
    public Object clone() {
        // Immutable apart from the inherited calendar, which is not used: one instance serves every reader.
        return this;
    }
}
