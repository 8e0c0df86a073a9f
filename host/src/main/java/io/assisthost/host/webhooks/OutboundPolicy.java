package io.assisthost.host.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where outgoing HTTP (webhook sinks, plugins' requests) may go. A destination must be {@code https}
 * and resolve only to public addresses; loopback, private, link-local, unspecified, carrier-grade NAT,
 * multicast and cloud-metadata addresses are refused. Hosts on the allowlist ({@code webhooks.allowHosts})
 * skip both rules. The check resolves the name, and the caller connects to the address it returns, so
 * a name cannot pass the check and then resolve elsewhere.
 */
public final class OutboundPolicy {

    private static final Set<String> METADATA_NAMES = Set.of("metadata.google.internal", "metadata");

    private final Set<String> allowHosts;

    public OutboundPolicy(List<String> allowHosts) {
        this.allowHosts = allowHosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Checks a destination and resolves it. Blocking (DNS): call on a worker thread.
     *
     * @return the address to connect to
     * @throws SecurityException naming the rule the destination breaks
     */
    public InetAddress check(URI destination) {
        String scheme = destination.getScheme() == null ? "" : destination.getScheme().toLowerCase(Locale.ROOT);
        String host = destination.getHost();
        if (host == null || host.isBlank()) {
            throw new SecurityException("destination " + destination + " has no host");
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
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
            addresses = InetAddress.getAllByName(name);
        } catch (UnknownHostException e) {
            throw new SecurityException("destination host " + name + " does not resolve", e);
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
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "must name a host";
        }
        String name = uri.getHost().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
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
        return null;
    }

    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
    }

    private static boolean isCarrierGradeNat(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }
}
