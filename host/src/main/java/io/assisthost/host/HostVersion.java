package io.assisthost.host;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The host's version, as built. */
public final class HostVersion {

    private static final String VERSION = load();

    private HostVersion() {
    }

    /** The full version, for example {@code 0.1.0-SNAPSHOT}. */
    public static String current() {
        return VERSION;
    }

    /**
     * The version plugins' {@code Plugin-Requires} ranges are checked against: the release part
     * without a pre-release qualifier, so that a snapshot of 0.1.0 satisfies {@code >=0.1.0}.
     */
    public static String forPlugins() {
        int dash = VERSION.indexOf('-');
        return dash < 0 ? VERSION : VERSION.substring(0, dash);
    }

    private static String load() {
        try (InputStream in = HostVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "0.0.0");
        } catch (IOException e) {
            return "0.0.0";
        }
    }
}
