package dev.colossus.app.http;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrustedProxyTest {

    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** A server that limits each client address to 3 requests a window, trusting {@code proxies}. */
    private void start(String proxies) {
        server = new TestServer(c -> c.withApi(c.api().withLimits(300, 3, true)
                .withTrustedProxies(TrustedProxies.parse(proxies))));
    }

    private int fromClient(String forwardedFor) {
        return server.send("GET", "/api/v1/timelines/public", null, null, null, Map.of("X-Forwarded-For", forwardedFor)).status();
    }

    @Test
    void forwardedForNamesTheClientWhenThePeerIsATrustedProxy() {
        start("127.0.0.1/32, ::1/128");
        for (int i = 0; i < 3; i++) assertThat(fromClient("203.0.113.7")).isEqualTo(200);
        assertThat(fromClient("203.0.113.7")).isEqualTo(429);
        assertThat(fromClient("203.0.113.8")).isEqualTo(200);
        // Addresses left of the right-most untrusted one were written by the client: changing them buys nothing.
        assertThat(fromClient("198.51.100.1, 203.0.113.7")).isEqualTo(429);
        // Hops that are trusted proxies themselves are skipped.
        assertThat(fromClient("203.0.113.7, 127.0.0.1")).isEqualTo(429);
        assertThat(fromClient("2001:db8::1")).isEqualTo(200);
    }

    @Test
    void forwardedForIsIgnoredFromAPeerThatIsNotTrusted() {
        start("10.0.0.0/8, fd00::/8");
        for (int i = 0; i < 3; i++) assertThat(fromClient("203.0.113." + i)).isEqualTo(200);
        assertThat(fromClient("203.0.113.99")).isEqualTo(429);
    }

    @Test
    void cidrBlocksOfBothFamiliesMatchByPrefix() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.128/25, 2001:db8::/32, ::1");
        assertThat(proxies.trusts("10.200.3.4")).isTrue();
        assertThat(proxies.trusts("11.0.0.1")).isFalse();
        assertThat(proxies.trusts("192.168.1.200")).isTrue();
        assertThat(proxies.trusts("192.168.1.127")).isFalse();
        assertThat(proxies.trusts("2001:db8:ffff::5")).isTrue();
        assertThat(proxies.trusts("2001:db9::5")).isFalse();
        assertThat(proxies.trusts("::1")).isTrue();
        assertThat(proxies.trusts("example.org")).isFalse();
        assertThat(proxies.client("10.0.0.1", java.util.List.of("203.0.113.5, 10.1.1.1"))).isEqualTo("203.0.113.5");
        assertThat(proxies.client("203.0.113.9", java.util.List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
        assertThat(proxies.client("10.0.0.1", java.util.List.of("junk, 10.1.1.1"))).isEqualTo("10.1.1.1");
    }

    @Test
    void badProxyListIsOneClearError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/8, proxy.local"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("'proxy.local' is not an IP address or CIDR block");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefix length");
    }
}
