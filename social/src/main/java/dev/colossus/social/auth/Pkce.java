package dev.colossus.social.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Proof Key for Code Exchange (RFC 7636): an app sends a challenge derived from a secret verifier when it asks for an
 * authorization code, and the verifier itself when it trades the code for a token, so that a code intercepted on its
 * way back to the app is useless to anyone else.
 */
public final class Pkce {

    /** Verifiers and challenges: 43 to 128 characters of A-Z, a-z, 0-9, "-", ".", "_", "~" (RFC 7636 section 4.1). */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    /** How a challenge is derived from the verifier. */
    public enum Method {
        /** BASE64URL(SHA-256(verifier)) without padding. */
        S256,
        /** The verifier itself (for apps that cannot hash). */
        PLAIN;

        /** The name on the wire: {@code S256} or {@code plain}. */
        public String wireName() {
            return this == S256 ? "S256" : "plain";
        }

        /** The method named {@code name} ({@code S256} or {@code plain}, exactly), or empty for any other name. */
        public static Optional<Method> named(String name) {
            if ("S256".equals(name)) return Optional.of(S256);
            if ("plain".equals(name)) return Optional.of(PLAIN);
            return Optional.empty();
        }
    }

    private Pkce() {
    }

    /** True when {@code challenge} has the form RFC 7636 allows (a S256 challenge is 43 characters). */
    public static boolean wellFormed(String challenge) {
        return challenge != null && TOKEN.matcher(challenge).matches();
    }

    /** True when {@code verifier} is well formed and derives {@code challenge} by {@code method}; compared in constant time. */
    public static boolean verifies(Method method, String challenge, String verifier) {
        if (verifier == null || !TOKEN.matcher(verifier).matches()) return false;
        String derived = method == Method.S256 ? s256(verifier) : verifier;
        return MessageDigest.isEqual(derived.getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
    }

    /** The S256 challenge of a verifier. */
    public static String s256(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
