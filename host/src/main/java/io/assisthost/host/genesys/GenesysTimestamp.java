package io.assisthost.host.genesys;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads the timestamps Genesys writes, {@code 2024-05-01T10:00:00.123Z} and the like, without a general
 * parser: fixed positions, digits checked one by one, ranges as {@code java.time} checks them. Only the
 * strict form is read here; {@link IsoDateFormat} hands everything else to {@code java.time}.
 */
final class GenesysTimestamp {

    /** What {@link #epochMillis} answers for a text it does not read. */
    static final long UNREAD = Long.MIN_VALUE;

    private static final int DATE_TIME_LENGTH = "yyyy-MM-ddTHH:mm:ss".length();
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private GenesysTimestamp() {
    }

    /**
     * @param text {@code yyyy-MM-ddTHH:mm:ss}, then optionally {@code .} and 1 to 9 digits, then {@code Z},
     *             {@code z} or {@code ±HH:mm}
     * @return the instant in milliseconds since the epoch, the fraction cut to milliseconds; {@link #UNREAD}
     *         if {@code text} is not of that form or names no valid date and time
     */
    static long epochMillis(String text) {
        int length = text.length();
        if (length < DATE_TIME_LENGTH + 1 || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return UNREAD;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return UNREAD;
        }
        int position = DATE_TIME_LENGTH;
        int millis = 0;
        if (text.charAt(position) == '.') {
            int fractionStart = ++position;
            while (position < length && isDigit(text.charAt(position))) {
                position++;
            }
            int fractionDigits = position - fractionStart;
            if (fractionDigits == 0 || fractionDigits > MAX_FRACTION_DIGITS) {
                return UNREAD;
            }
            for (int i = 0; i < 3; i++) {
                millis = millis * 10 + (i < fractionDigits ? text.charAt(fractionStart + i) - '0' : 0);
            }
        }
        long offsetMillis = offsetMillis(text, position);
        if (offsetMillis == UNREAD) {
            return UNREAD;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            return UNREAD;
        }
        return epochDay * MILLIS_PER_DAY + ((hour * 60L + minute) * 60 + second) * 1000 + millis - offsetMillis;
    }

    /** The offset that ends {@code text} at {@code from}, in milliseconds; {@link #UNREAD} if none does. */
    private static long offsetMillis(String text, int from) {
        int rest = text.length() - from;
        if (rest == 1 && (text.charAt(from) == 'Z' || text.charAt(from) == 'z')) {
            return 0;
        }
        if (rest != 6 || text.charAt(from + 3) != ':') {
            return UNREAD;
        }
        char sign = text.charAt(from);
        int hours = digits(text, from + 1, 2);
        int minutes = digits(text, from + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || hours > 18 || minutes < 0 || minutes > 59
                || (hours == 18 && minutes > 0)) {
            return UNREAD;
        }
        long offset = (hours * 60L + minutes) * 60_000;
        return sign == '+' ? offset : -offset;
    }

    /** The number the {@code count} digits at {@code from} spell, or -1 if one is not an ASCII digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
