package dev.colossus.app.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-For} header is believed, as CIDR blocks (IPv4 and IPv6), and the
 * client address they imply.
 *
 * <p>A request whose direct peer is not a trusted proxy comes from that peer, whatever its headers say. From a
 * trusted proxy, the client is the right-most address of {@code X-Forwarded-For} (all such headers, in order) that is
 * not itself a trusted proxy; addresses to its left were written by the client and are ignored. When every listed
 * address is trusted, the left-most one is the client; an entry that is not an IP address ends the walk at the hop
 * that reported it. Immutable and thread-safe.
 */
public final class TrustedProxies {

    /** No proxy is trusted: every request comes from its direct peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), "");

    private record Block(byte[] network, int prefixBits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) return false;
            int whole = prefixBits / 8;
            for (int i = 0; i < whole; i++) if (address[i] != network[i]) return false;
            int rest = prefixBits % 8;
            if (rest == 0) return true;
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    private final List<Block> blocks;
    private final String text;

    private TrustedProxies(List<Block> blocks, String text) {
        this.blocks = blocks;
        this.text = text;
    }

    /**
     * Parses comma-separated CIDR blocks such as {@code 10.0.0.0/8, 127.0.0.1, ::1/128, fd00::/8}; an address without
     * a prefix length is a single host. Blank text means {@link #NONE}.
     *
     * @throws IllegalArgumentException naming the first entry that is not an IP address or CIDR block
     */
    public static TrustedProxies parse(String text) {
        if (text == null || text.isBlank()) return NONE;
        List<Block> blocks = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) continue;
            int slash = entry.indexOf('/');
            byte[] network = bytes(slash < 0 ? entry : entry.substring(0, slash));
            if (network == null) throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block");
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException("'" + entry + "' has a prefix length outside 0-" + network.length * 8);
                }
            }
            blocks.add(new Block(network, bits));
        }
        return new TrustedProxies(List.copyOf(blocks), text.strip());
    }

    /** True when {@code address} (an IP literal) lies in a trusted block; false for anything else. */
    public boolean trusts(String address) {
        if (blocks.isEmpty()) return false;
        byte[] b = bytes(address);
        if (b == null) return false;
        for (Block block : blocks) if (block.contains(b)) return true;
        return false;
    }

    /**
     * The client's address for a request from {@code peer} carrying these {@code X-Forwarded-For} header values
     * (possibly none).
     */
    public String client(String peer, List<String> forwardedFor) {
        if (!trusts(peer) || forwardedFor.isEmpty()) return peer;
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) if (!hop.isBlank()) hops.add(hop.strip());
        }
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (bytes(hop) == null) return client;
            client = hop;
            if (!trusts(hop)) return hop;
        }
        return client;
    }

    /** The address bytes of an IP literal (never a DNS lookup), or null when it is not one. */
    private static byte[] bytes(String literal) {
        String s = literal.strip();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        try {
            return InetAddress.ofLiteral(s).getAddress();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
