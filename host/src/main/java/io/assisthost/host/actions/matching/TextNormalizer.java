package io.assisthost.host.actions.matching;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The words of a text as triggers compare them. Transcripts arrive in whatever case and accents the
 * recognizer chose and phrases are typed by people, so "Réfund", "REFUND" and "refund" must be one
 * word, and punctuation must never glue two words together or split one.
 *
 * <p>A word is a maximal run of letters and digits ({@link Character#isLetterOrDigit(int)}) after the
 * text is decomposed (Unicode NFD), its combining marks are removed and every code point is case-folded
 * ({@code Character.toLowerCase(Character.toUpperCase(cp))}: lower case under {@code Locale.ROOT} rules,
 * with the few letters that have two lower-case forms, such as the Greek final sigma, folded to one).
 * Everything else separates words. Removing marks also merges letters that differ only by one (Russian
 * й and и, Japanese で and て) and removes the vowel signs of Indic scripts; phrases and utterances fold
 * alike, so this makes matching more lenient, never stricter.
 *
 * <p>The trigger engine calls {@link #forEachWord} for every utterance, so the common case is cheap:
 * a word of ASCII letters and digits is lower-cased in place and {@link Normalizer} only sees words
 * that contain something else.
 */
public final class TextNormalizer {

    /** Receives the words of a text one at a time, in order. */
    @FunctionalInterface
    public interface WordSink {

        /**
         * One word.
         *
         * @param chars  holds the normalized word in {@code chars[0..length)}; the array is reused for the
         *               next word, so copy what must be kept
         * @param length the word's length in chars, at least 1
         * @param hash   the word's {@link String#hashCode()}, computed while it was read so that a lookup
         *               need not read the word twice
         */
        void word(char[] chars, int length, int hash);
    }

    private static final int ASCII_LIMIT = 0x80;

    private TextNormalizer() {
    }

    /**
     * The words of {@code text}, normalized.
     *
     * @return a new list; empty when {@code text} is {@code null} or has no letter or digit
     */
    public static List<String> tokens(String text) {
        List<String> words = new ArrayList<>();
        forEachWord(text, (chars, length, hash) -> words.add(new String(chars, 0, length)));
        return words;
    }

    /**
     * Passes every word of {@code text}, normalized, to {@code sink}, without creating a string per word
     * when the word is plain ASCII. Nothing is called when {@code text} is {@code null}.
     */
    public static void forEachWord(String text, WordSink sink) {
        if (text == null) {
            return;
        }
        new Scanner(text, sink).run();
    }

    /** One pass over one text; holds the reusable word buffer. */
    private static final class Scanner {

        private final String text;
        private final WordSink sink;
        private char[] buffer;
        private int length;
        private int hash;

        Scanner(String text, WordSink sink) {
            this.text = text;
            this.sink = sink;
            this.buffer = new char[Math.min(text.length(), 64)];
        }

        void run() {
            int end = text.length();
            int i = 0;
            while (i < end) {
                char c = text.charAt(i);
                if (c < ASCII_LIMIT) {
                    i = isAsciiWordChar(c) ? asciiWord(i) : i + 1;
                } else {
                    int cp = text.codePointAt(i);
                    i = isWordPart(cp) ? unicodeWord(i) : i + Character.charCount(cp);
                }
            }
        }

        /** Reads the word at {@code start}; hands over to {@link #unicodeWord} if it is not all ASCII. */
        private int asciiWord(int start) {
            int end = text.length();
            length = 0;
            hash = 0;
            int i = start;
            while (i < end) {
                char c = text.charAt(i);
                if (c >= ASCII_LIMIT) {
                    if (isWordPart(text.codePointAt(i))) {
                        return unicodeWord(start);
                    }
                    break;
                }
                if (!isAsciiWordChar(c)) {
                    break;
                }
                append(c <= 'Z' && c >= 'A' ? (char) (c + ('a' - 'A')) : c);
                i++;
            }
            sink.word(buffer, length, hash);
            return i;
        }

        /**
         * Reads the run of letters, digits and marks at {@code start} through {@link Normalizer}.
         * Decomposition never turns a letter into a separator, but a run may still yield no word (only
         * marks) or, in principle, several; each is passed on.
         */
        private int unicodeWord(int start) {
            int end = text.length();
            int i = start;
            while (i < end) {
                int cp = text.codePointAt(i);
                if (!isWordPart(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            String decomposed = Normalizer.normalize(text.substring(start, i), Normalizer.Form.NFD);
            length = 0;
            hash = 0;
            for (int j = 0; j < decomposed.length(); ) {
                int cp = decomposed.codePointAt(j);
                j += Character.charCount(cp);
                if (isMark(cp)) {
                    continue;
                }
                int folded = Character.toLowerCase(Character.toUpperCase(cp));
                if (Character.isLetterOrDigit(folded)) {
                    appendCodePoint(folded);
                } else if (length > 0) {
                    sink.word(buffer, length, hash);
                    length = 0;
                    hash = 0;
                }
            }
            if (length > 0) {
                sink.word(buffer, length, hash);
            }
            return i;
        }

        private void append(char c) {
            if (length == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(16, buffer.length * 2));
            }
            buffer[length++] = c;
            hash = 31 * hash + c;
        }

        private void appendCodePoint(int cp) {
            if (Character.isBmpCodePoint(cp)) {
                append((char) cp);
            } else {
                append(Character.highSurrogate(cp));
                append(Character.lowSurrogate(cp));
            }
        }
    }

    private static boolean isAsciiWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Whether a code point belongs to a word before normalization: marks do, since NFD input has them. */
    private static boolean isWordPart(int cp) {
        return Character.isLetterOrDigit(cp) || isMark(cp);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
