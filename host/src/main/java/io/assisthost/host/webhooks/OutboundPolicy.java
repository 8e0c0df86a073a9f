package io.assisthost.host.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where outgoing HTTP (webhook sinks, plugins' requests) may go. A destination must be {@code https}
 * and resolve only to public addresses; loopback, private, link-local, unspecified, carrier-grade NAT,
 * multicast, reserved and cloud-metadata addresses are refused, also when an IPv6 address embeds one
 * (IPv4-compatible, NAT64, 6to4). Hosts on the allowlist ({@code webhooks.allowHosts}) skip both rules.
 * An IPv4 address spelled other than as four plain decimal numbers ({@code 2130706433},
 * {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1}) is refused outright: resolvers disagree on what
 * such spellings mean. The check resolves the name, and the caller connects to the address it returns,
 * so a name cannot pass the check and then resolve elsewhere.
 */
public final class OutboundPolicy {

    /** Resolves a host name to its addresses, as {@link InetAddress#getAllByName} does. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String name) throws UnknownHostException;
    }

    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("0x[0-9a-f]*|[0-9]+");
    private static final Pattern DECIMAL_OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

    private final Set<String> allowHosts;
    private final Resolver resolver;

    public OutboundPolicy(List<String> allowHosts) {
        this(allowHosts, InetAddress::getAllByName);
    }

    /** A policy resolving names with the given resolver (the system's in production). */
    public OutboundPolicy(List<String> allowHosts, Resolver resolver) {
        this.allowHosts = allowHosts.stream().map(OutboundPolicy::normalize)
                .filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /**
     * Checks a destination and resolves it. Blocking (DNS): call on a worker thread.
     *
     * @return the address to connect to
     * @throws SecurityException naming the rule the destination breaks
     */
    public InetAddress check(URI destination) {
        String scheme = destination.getScheme() == null ? "" : destination.getScheme().toLowerCase(Locale.ROOT);
        String host = hostOf(destination);
        if (host == null || host.isBlank()) {
            throw new SecurityException("destination " + destination + " has no host");
        }
        String name = normalize(host);
        if (isAmbiguousNumeric(name)) {
            throw new SecurityException("destination " + destination + " " + AMBIGUOUS);
        }
        boolean allowed = allowHosts.contains(name);
        if (!scheme.equals("https") && !(allowed && scheme.equals("http"))) {
            throw new SecurityException("destination " + destination + " must use https (or its host must be in "
                    + "webhooks.allowHosts)");
        }
        if (!allowed && METADATA_NAMES.contains(name)) {
            throw new SecurityException("destination " + destination + " is a cloud metadata service");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new SecurityException("destination host " + name + " does not resolve", e);
        }
        if (addresses == null || addresses.length == 0) {
            throw new SecurityException("destination host " + name + " does not resolve");
        }
        if (!allowed) {
            for (InetAddress address : addresses) {
                String refusal = refusal(address);
                if (refusal != null) {
                    throw new SecurityException("destination " + destination + " resolves to " + address.getHostAddress()
                            + ", " + refusal + " (allow it with webhooks.allowHosts)");
                }
            }
        }
        return addresses[0];
    }

    /**
     * Checks a URL as far as possible without resolving it, for early refusal when a sink is defined:
     * syntax, scheme, metadata names and literal addresses. The full check runs at every connection.
     *
     * @return why the URL is refused, or {@code null} if it may be used
     */
    public String refusalOfUrl(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "is not a valid URL: " + e.getMessage();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "must be an https URL";
        }
        String host = hostOf(uri);
        if (host == null || host.isBlank()) {
            return "must name a host";
        }
        String name = normalize(host);
        if (isAmbiguousNumeric(name)) {
            return AMBIGUOUS;
        }
        if (allowHosts.contains(name)) {
            return null;
        }
        if (!scheme.equals("https")) {
            return "must use https (or its host must be in webhooks.allowHosts)";
        }
        if (METADATA_NAMES.contains(name)) {
            return "names a cloud metadata service";
        }
        if (isLiteralAddress(name)) {
            try {
                String refusal = refusal(InetAddress.getByName(name));
                return refusal == null ? null : "is " + refusal + " (allow it with webhooks.allowHosts)";
            } catch (UnknownHostException notLiteral) {
                return null;
            }
        }
        return null;
    }

    private static final String AMBIGUOUS = "spells an IPv4 address other than as four decimal numbers from 0 to 255 "
            + "without leading zeros";

    /**
     * The URI's host; where {@link URI} finds none because the authority is not a valid server name
     * ({@code 127.1}, {@code 0x7f.0.0.1}), the authority without user info and port, so that the
     * spelling is named in the refusal.
     */
    private static String hostOf(URI uri) {
        if (uri.getHost() != null || uri.getRawAuthority() == null) {
            return uri.getHost();
        }
        String authority = uri.getRawAuthority();
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = authority.lastIndexOf(':');
        String host = colon >= 0 && !authority.endsWith("]") ? authority.substring(0, colon) : authority;
        return isAmbiguousNumeric(normalize(host)) ? host : null;
    }

    /** Lower case, without IPv6 brackets or the trailing dot of a fully qualified name. */
    private static String normalize(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /**
     * Whether a name is made of numbers only (no top-level domain is) but is not a plain dotted-decimal
     * IPv4 address: a decimal, hexadecimal, octal or shortened spelling such as {@code 2130706433},
     * {@code 0x7f000001}, {@code 0177.0.0.1} or {@code 127.1}.
     */
    static boolean isAmbiguousNumeric(String name) {
        if (name.isEmpty() || name.contains(":")) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        if (!Arrays.stream(labels).allMatch(label -> NUMERIC_LABEL.matcher(label).matches())) {
            return false;
        }
        return labels.length != 4 || !Arrays.stream(labels)
                .allMatch(label -> DECIMAL_OCTET.matcher(label).matches() && Integer.parseInt(label) <= 255);
    }

    private static boolean isLiteralAddress(String name) {
        return name.contains(":") || name.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** Why an address may not be reached, or {@code null} if it may. */
    static String refusal(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isAnyLocalAddress()) {
            return "an unspecified address";
        }
        if (address.isLinkLocalAddress()) {
            return address.getHostAddress().startsWith("169.254.169.254") ? "a cloud metadata address" : "a link-local address";
        }
        // Unique-local IPv6 (fc00::/7) covers cloud metadata addresses such as fd00:ec2::254 too.
        if (address.isSiteLocalAddress() || isUniqueLocal(address)) {
            return "a private address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (isCarrierGradeNat(address)) {
            return "a carrier-grade NAT address";
        }
        if (isReservedIpv4(address)) {
            return "a reserved address";
        }
        InetAddress embedded = embeddedIpv4(address);
        if (embedded != null) {
            String refusal = refusal(embedded);
            return refusal == null ? null : refusal + " embedded in an IPv6 address";
        }
        return null;
    }

    /** 0.0.0.0/8 ("this network"), 192.0.0.0/24 (protocol assignments), 198.18.0.0/15, 240.0.0.0/4 and broadcast. */
    private static boolean isReservedIpv4(InetAddress address) {
        if (!(address instanceof Inet4Address)) {
            return false;
        }
        byte[] b = address.getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 || first >= 240 || (first == 192 && second == 0 && (b[2] & 0xff) == 0)
                || (first == 198 && (second & 0xfe) == 18);
    }

    /**
     * The IPv4 address an IPv6 address carries, where the network would deliver to it: IPv4-compatible
     * ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::a.b.c.d}) and 6to4 ({@code 2002:aabb:ccdd::}).
     * IPv4-mapped addresses ({@code ::ffff:a.b.c.d}) need nothing here: Java resolves them to IPv4.
     */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        int offset = -1;
        if (allZero(b, 0, 12) || (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && allZero(b, 4, 12))) {
            offset = 12;
        } else if (b[0] == 0x20 && b[1] == 0x02) {
            offset = 2;
        }
        if (offset < 0) {
            return null;
        }
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, offset, offset + 4));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static boolean isCarrierGradeNat(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }
}
