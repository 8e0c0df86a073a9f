package io.assisthost.host.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
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
    })
    void refusesEachNonPublicAddressClass(String destination, String refusal) {
        assertThatThrownBy(() -> policy.check(URI.create(destination)))
                .isInstanceOf(SecurityException.class).hasMessageContaining(refusal);
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
    }
}
