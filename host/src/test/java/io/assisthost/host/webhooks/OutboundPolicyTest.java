package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OutboundPolicyTest {

    private final OutboundPolicy policy = new OutboundPolicy(List.of());

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "https://127.0.0.1/hook, a loopback address",
        "https://127.9.9.9/hook, a loopback address",
        "https://localhost/hook, a loopback address",
        "https://[::1]/hook, a loopback address",
        "https://0.0.0.0/hook, an unspecified address",
        "https://10.1.2.3/hook, a private address",
        "https://172.16.5.4/hook, a private address",
        "https://172.31.255.1/hook, a private address",
        "https://192.168.1.20/hook, a private address",
        "https://[fc00::1]/hook, a private address",
        "https://[fd00:ec2::254]/hook, a private address",
        "https://169.254.10.10/hook, a link-local address",
        "https://[fe80::1]/hook, a link-local address",
        "https://169.254.169.254/latest/meta-data, a cloud metadata address",
        "https://100.64.0.1/hook, a carrier-grade NAT address",
        "https://224.0.0.1/hook, a multicast address",
        "https://[ff02::1]/hook, a multicast address",
        "https://[::]/hook, an unspecified address",
        "https://0.1.2.3/hook, a reserved address",
        "https://240.0.0.1/hook, a reserved address",
        "https://255.255.255.255/hook, a reserved address",
        "https://198.18.0.1/hook, a reserved address",
        "https://[fec0::1]/hook, a private address",
        "https://[fe80::1%251]/hook, a link-local address",
        "https://[::ffff:127.0.0.1]/hook, a loopback address",
        "https://[::ffff:7f00:1]/hook, a loopback address",
        "https://[::ffff:10.0.0.1]/hook, a private address",
        "https://[::ffff:169.254.169.254]/latest/meta-data, a cloud metadata address",
        "https://[::127.0.0.1]/hook, a loopback address embedded in an IPv6 address",
        "https://[64:ff9b::a9fe:a9fe]/hook, a cloud metadata address embedded in an IPv6 address",
        "https://[64:ff9b::192.168.0.1]/hook, a private address embedded in an IPv6 address",
        "https://[2002:c0a8:1::1]/hook, a private address embedded in an IPv6 address",
        "https://[2002:7f00:1::1]/hook, a loopback address embedded in an IPv6 address",
        "https://localhost./hook, a loopback address",
        "https://LOCALHOST/hook, a loopback address",
    })
    void refusesEachNonPublicAddressClass(String destination, String refusal) {
        assertThatThrownBy(() -> policy.check(URI.create(destination)))
                .isInstanceOf(SecurityException.class).hasMessageContaining(refusal);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "https://2130706433/hook",
        "https://0x7f000001/hook",
        "https://0x7f.0.0.1/hook",
        "https://0177.0.0.1/hook",
        "https://017700000001/hook",
        "https://127.1/hook",
        "https://127.0.1/hook",
        "https://127.000.000.001/hook",
        "https://2852039166/latest/meta-data",
        "https://0xa9fea9fe/latest/meta-data",
        "https://0251.0376.0251.0376/latest/meta-data",
        "https://256.1.1.1/hook",
        "https://1.2.3.4.5/hook",
    })
    void refusesDecimalHexOctalAndShortenedAddressSpellings(String destination) {
        assertThatThrownBy(() -> policy.check(URI.create(destination)))
                .isInstanceOf(SecurityException.class).hasMessageContaining("four decimal numbers");
        assertThat(policy.refusalOfUrl(destination)).contains("four decimal numbers");
        OutboundPolicy allowingLoopback = new OutboundPolicy(List.of("127.0.0.1"));
        assertThatThrownBy(() -> allowingLoopback.check(URI.create(destination.replace("https", "http"))))
                .as("the allowlist names 127.0.0.1, not its other spellings").isInstanceOf(SecurityException.class);
    }

    @Test
    void namesThatLookNumericButAreNotAreResolved() {
        OutboundPolicy resolving = new OutboundPolicy(List.of(), fakeDns(Map.of("cafe.be", "93.184.216.34",
                "1password.com", "93.184.216.35", "10.example.com", "93.184.216.36")));
        assertThat(resolving.check(URI.create("https://cafe.be/hook")).getHostAddress()).isEqualTo("93.184.216.34");
        assertThat(resolving.check(URI.create("https://1password.com/hook")).getHostAddress()).isEqualTo("93.184.216.35");
        assertThat(resolving.check(URI.create("https://10.example.com/hook")).getHostAddress()).isEqualTo("93.184.216.36");
    }

    @Test
    void aNameResolvingToAnyNonPublicAddressIsRefused() {
        OutboundPolicy resolving = new OutboundPolicy(List.of(), fakeDns(Map.of(
                "rebind.example.com", "93.184.216.34,10.0.0.5",
                "metadata.example.com", "169.254.169.254",
                "v6.example.com", "fd00::1",
                "mapped.example.com", "::ffff:192.168.1.1",
                "public.example.com", "93.184.216.34,2606:2800:220:1::1")));
        assertThatThrownBy(() -> resolving.check(URI.create("https://rebind.example.com/hook")))
                .hasMessageContaining("resolves to 10.0.0.5, a private address");
        assertThatThrownBy(() -> resolving.check(URI.create("https://metadata.example.com/hook")))
                .hasMessageContaining("a cloud metadata address");
        assertThatThrownBy(() -> resolving.check(URI.create("https://v6.example.com/hook")))
                .hasMessageContaining("a private address");
        assertThatThrownBy(() -> resolving.check(URI.create("https://mapped.example.com/hook")))
                .hasMessageContaining("a private address");
        assertThatThrownBy(() -> resolving.check(URI.create("https://unknown.example.com/hook")))
                .hasMessageContaining("does not resolve");
        assertThat(resolving.check(URI.create("https://public.example.com/hook")).getHostAddress())
                .as("the address the caller connects to is one that was checked").isEqualTo("93.184.216.34");
        assertThat(resolving.refusalOfUrl("https://rebind.example.com/hook"))
                .as("a name is only judged when it is resolved, at each connection").isNull();
    }

    @Test
    void eachConnectionResolvesAndChecksAgain() {
        List<String> answers = new ArrayList<>(List.of("93.184.216.34", "127.0.0.1"));
        OutboundPolicy rebinding = new OutboundPolicy(List.of(),
                name -> new InetAddress[] {InetAddress.getByName(answers.remove(0))});
        assertThat(rebinding.check(URI.create("https://hooks.example.com/a")).getHostAddress()).isEqualTo("93.184.216.34");
        assertThatThrownBy(() -> rebinding.check(URI.create("https://hooks.example.com/a")))
                .hasMessageContaining("resolves to 127.0.0.1, a loopback address");
    }

    @Test
    void refusalOfUrlJudgesLiteralAddressesAndSchemesUpFront() {
        assertThat(policy.refusalOfUrl("https://10.0.0.1/hook")).contains("a private address");
        assertThat(policy.refusalOfUrl("https://[::ffff:169.254.169.254]/")).contains("a cloud metadata address");
        assertThat(policy.refusalOfUrl("https://[::1]/")).contains("a loopback address");
        assertThat(policy.refusalOfUrl("http://93.184.216.34/hook")).contains("must use https");
        assertThat(policy.refusalOfUrl("https://metadata.google.internal./computeMetadata")).contains("cloud metadata");
        assertThat(policy.refusalOfUrl("gopher://93.184.216.34/")).contains("https");
        assertThat(policy.refusalOfUrl("https:///nohost")).contains("host");
        assertThat(policy.refusalOfUrl("https://93.184.216.34/hook")).isNull();
        assertThat(new OutboundPolicy(List.of("10.0.0.1")).refusalOfUrl("http://10.0.0.1/hook")).isNull();
    }

    @Test
    void refusesPlainHttpMetadataNamesAndMissingHosts() {
        assertThatThrownBy(() -> policy.check(URI.create("http://93.184.216.34/hook"))).hasMessageContaining("must use https");
        assertThatThrownBy(() -> policy.check(URI.create("https://metadata.google.internal/computeMetadata/v1")))
                .hasMessageContaining("cloud metadata");
        assertThatThrownBy(() -> policy.check(URI.create("file:///etc/passwd"))).isInstanceOf(SecurityException.class);
    }

    @Test
    void allowsPublicHttpsAndAllowlistedHosts() throws Exception {
        assertThat(policy.check(URI.create("https://93.184.216.34/hook"))).isEqualTo(InetAddress.getByName("93.184.216.34"));
        assertThat(policy.check(URI.create("https://172.32.0.1/hook"))).as("just outside 172.16/12").isNotNull();
        OutboundPolicy allowing = new OutboundPolicy(List.of(" 127.0.0.1 ", "Coach.Internal.Example"));
        assertThat(allowing.check(URI.create("http://127.0.0.1:8080/hook"))).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThatThrownBy(() -> allowing.check(URI.create("ftp://127.0.0.1/hook"))).hasMessageContaining("https");
        assertThatThrownBy(() -> allowing.check(URI.create("http://127.0.0.2/hook")))
                .as("only the hosts named").hasMessageContaining("must use https");
        assertThatThrownBy(() -> allowing.check(URI.create("https://127.0.0.2/hook"))).hasMessageContaining("loopback");
    }

    @Test
    void anAllowlistedNameMayResolveToPrivateAddressesOverPlainHttp() {
        OutboundPolicy allowing = new OutboundPolicy(List.of("Coach.Internal.Example"),
                fakeDns(Map.of("coach.internal.example", "10.1.2.3", "other.internal.example", "10.1.2.4")));
        assertThat(allowing.check(URI.create("http://coach.internal.example:8080/hook")).getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(allowing.check(URI.create("https://COACH.internal.example./hook")).getHostAddress()).isEqualTo("10.1.2.3");
        assertThatThrownBy(() -> allowing.check(URI.create("https://other.internal.example/hook")))
                .hasMessageContaining("a private address");
        assertThatThrownBy(() -> allowing.check(URI.create("https://metadata.google.internal/")))
                .hasMessageContaining("cloud metadata");
    }

    /** A resolver answering from a table of comma-separated addresses; other names do not resolve. */
    private static OutboundPolicy.Resolver fakeDns(Map<String, String> table) {
        return name -> {
            String answer = table.get(name);
            if (answer == null) {
                throw new UnknownHostException(name);
            }
            List<InetAddress> addresses = new ArrayList<>();
            for (String address : answer.split(",")) {
                addresses.add(InetAddress.getByName(address));
            }
            return addresses.toArray(InetAddress[]::new);
        };
    }
}
