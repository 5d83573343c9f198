package dev.colossus.studio.music;

/**
 * An exact non-negative fraction, used for musical time measured in whole notes (a quarter note is {@code 1/4}).
 * Always in lowest terms with a positive denominator. Arithmetic throws {@link ArithmeticException} on long
 * overflow rather than wrapping; the parser turns that into a source error.
 *
 * @param numerator   the numerator, {@code >= 0}
 * @param denominator the denominator, {@code > 0}
 */
public record Rational(long numerator, long denominator) implements Comparable<Rational> {
    /** Zero. */
    public static final Rational ZERO = new Rational(0, 1);
    /** One. */
    public static final Rational ONE = new Rational(1, 1);

    /** Validates and reduces to lowest terms. */
    public Rational {
        if (denominator <= 0 || numerator < 0) {
            throw new IllegalArgumentException("not a non-negative fraction: " + numerator + "/" + denominator);
        }
        long g = gcd(numerator, denominator);
        numerator /= g;
        denominator /= g;
    }

    /** The fraction {@code numerator/denominator}. */
    public static Rational of(long numerator, long denominator) {
        return new Rational(numerator, denominator);
    }

    /** The sum of this and {@code other}. */
    public Rational plus(Rational other) {
        long g = gcd(denominator, other.denominator);
        long d = Math.multiplyExact(denominator / g, other.denominator);
        return new Rational(Math.addExact(Math.multiplyExact(numerator, other.denominator / g),
                Math.multiplyExact(other.numerator, denominator / g)), d);
    }

    /** This minus {@code other}; must not be negative. */
    public Rational minus(Rational other) {
        long g = gcd(denominator, other.denominator);
        long d = Math.multiplyExact(denominator / g, other.denominator);
        return new Rational(Math.subtractExact(Math.multiplyExact(numerator, other.denominator / g),
                Math.multiplyExact(other.numerator, denominator / g)), d);
    }

    /** The product of this and {@code other}. */
    public Rational times(Rational other) {
        long g1 = gcd(numerator, other.denominator);
        long g2 = gcd(other.numerator, denominator);
        return new Rational(Math.multiplyExact(numerator / g1, other.numerator / g2),
                Math.multiplyExact(denominator / g2, other.denominator / g1));
    }

    /** The product of this and {@code num/den}. */
    public Rational times(long num, long den) {
        return times(new Rational(num, den));
    }

    /** This value as a double. */
    public double toDouble() {
        return (double) numerator / denominator;
    }

    @Override
    public int compareTo(Rational other) {
        return Double.compare(toDouble(), other.toDouble()) != 0
                ? Double.compare(toDouble(), other.toDouble())
                : Long.compare(Math.multiplyExact(numerator, other.denominator),
                        Math.multiplyExact(other.numerator, denominator));
    }

    @Override
    public String toString() {
        return denominator == 1 ? Long.toString(numerator) : numerator + "/" + denominator;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a == 0 ? 1 : a;
    }
}
