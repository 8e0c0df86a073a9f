package io.assisthost.host.actions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Semantic Versioning 2.0.0 version ({@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}), ordered by
 * precedence; build metadata does not count for precedence.
 */
public record Semver(int major, int minor, int patch, String preRelease, String build) implements Comparable<Semver> {

    // The expression semver.org recommends, with numeric parts capped so they fit an int.
    private static final Pattern SYNTAX = Pattern.compile(
            "^(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})"
                    + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
                    + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$");

    /**
     * Reads a version.
     *
     * @throws IllegalArgumentException if {@code text} is not a semantic version
     */
    public static Semver parse(String text) {
        Matcher matcher = text == null ? null : SYNTAX.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)");
        }
        return new Semver(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), matcher.group(4), matcher.group(5));
    }

    /** Whether {@code text} is a semantic version. */
    public static boolean valid(String text) {
        return text != null && SYNTAX.matcher(text).matches();
    }

    @Override
    public int compareTo(Semver other) {
        int byCore = Integer.compare(major, other.major);
        byCore = byCore != 0 ? byCore : Integer.compare(minor, other.minor);
        byCore = byCore != 0 ? byCore : Integer.compare(patch, other.patch);
        if (byCore != 0) {
            return byCore;
        }
        if (preRelease == null || other.preRelease == null) {
            // A release ranks above its pre-releases.
            return preRelease == null ? (other.preRelease == null ? 0 : 1) : -1;
        }
        String[] mine = preRelease.split("\\.");
        String[] theirs = other.preRelease.split("\\.");
        for (int i = 0; i < Math.min(mine.length, theirs.length); i++) {
            int byPart = comparePart(mine[i], theirs[i]);
            if (byPart != 0) {
                return byPart;
            }
        }
        return Integer.compare(mine.length, theirs.length);
    }

    private static int comparePart(String a, String b) {
        boolean numericA = a.chars().allMatch(Character::isDigit);
        boolean numericB = b.chars().allMatch(Character::isDigit);
        if (numericA && numericB) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease)
                + (build == null ? "" : "+" + build);
    }
}
