package dev.colossus.social.auth;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.LongAdder;

/**
 * Argon2id password hashing (BouncyCastle) with OWASP's recommended cost (19 MiB, 2 passes, 1 lane), stored in the
 * PHC string format {@code $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH} so the cost can be raised later.
 *
 * <p>Checking a password for an account that does not exist costs the same as for one that does: {@link #verify}
 * with no stored hash runs the same derivation against a dummy hash, so the time of a wrong answer does not tell who
 * has an account. Thread-safe.
 */
public final class PasswordHasher {

    private static final int MEMORY_KIB = 19_456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final LongAdder checks = new LongAdder();
    /** Random salt and random digest at the current cost: a stand-in that no password matches. */
    private final String dummy = phc(randomBytes(16), randomBytes(HASH_BYTES));

    /** Hashes a password with a fresh 16-byte salt. */
    public String hash(String password) {
        byte[] salt = randomBytes(16);
        return phc(salt, argon2(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES));
    }

    private static String phc(byte[] salt, byte[] hash) {
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * True when the password matches the stored hash; false for a wrong password or an unreadable hash. A null
     * {@code stored} (no such account) runs the same derivation on a dummy hash and answers false.
     */
    public boolean verify(String password, String stored) {
        if (stored == null) {
            matches(password, dummy);
            return false;
        }
        return matches(password, stored);
    }

    /**
     * How many password checks have run a key derivation so far, those against the dummy hash included (for
     * metrics, and to show that no wrong password skips the work).
     */
    public long checks() {
        return checks.sum();
    }

    private boolean matches(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) return false;
        try {
            int m = 0, t = 0, p = 0;
            for (String kv : parts[3].split(",")) {
                int v = Integer.parseInt(kv.substring(2));
                switch (kv.charAt(0)) {
                    case 'm' -> m = v;
                    case 't' -> t = v;
                    case 'p' -> p = v;
                    default -> { return false; }
                }
            }
            byte[] salt = B64D.decode(parts[4]);
            byte[] expected = B64D.decode(parts[5]);
            checks.increment();
            return MessageDigest.isEqual(expected, argon2(password, salt, m, t, p, expected.length));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(lanes)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
