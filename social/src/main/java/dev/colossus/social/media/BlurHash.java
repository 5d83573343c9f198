package dev.colossus.social.media;

import java.awt.image.BufferedImage;

/**
 * Encodes images as BlurHash strings (the compact placeholders Mastodon clients draw while an image loads): a few
 * cosine components of the image in linear light, quantised into base-83 text. Stateless and thread-safe.
 */
public final class BlurHash {

    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";

    private BlurHash() {
    }

    /**
     * The BlurHash of {@code image} with {@code xComponents} by {@code yComponents} components (1 to 9 each;
     * Mastodon uses 4 by 4). Cost grows with the pixel count: pass a small image (a preview).
     */
    public static String encode(BufferedImage image, int xComponents, int yComponents) {
        if (xComponents < 1 || xComponents > 9 || yComponents < 1 || yComponents > 9) {
            throw new IllegalArgumentException("components must be from 1 to 9");
        }
        int w = image.getWidth(), h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        double[] r = new double[argb.length], g = new double[argb.length], b = new double[argb.length];
        for (int i = 0; i < argb.length; i++) {
            r[i] = toLinear((argb[i] >> 16) & 0xFF);
            g[i] = toLinear((argb[i] >> 8) & 0xFF);
            b[i] = toLinear(argb[i] & 0xFF);
        }
        double[][] factors = new double[xComponents * yComponents][3];
        double[] cosX = new double[w], cosY = new double[h];
        for (int j = 0; j < yComponents; j++) {
            for (int y = 0; y < h; y++) cosY[y] = Math.cos(Math.PI * j * y / h);
            for (int i = 0; i < xComponents; i++) {
                for (int x = 0; x < w; x++) cosX[x] = Math.cos(Math.PI * i * x / w);
                double sr = 0, sg = 0, sb = 0;
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double basis = cosX[x] * cosY[y];
                        int p = y * w + x;
                        sr += basis * r[p];
                        sg += basis * g[p];
                        sb += basis * b[p];
                    }
                }
                double scale = (i == 0 && j == 0 ? 1.0 : 2.0) / (w * (double) h);
                factors[j * xComponents + i] = new double[]{sr * scale, sg * scale, sb * scale};
            }
        }
        StringBuilder hash = new StringBuilder();
        base83(hash, (xComponents - 1) + (yComponents - 1) * 9, 1);
        double maxValue = 1;
        if (factors.length > 1) {
            double actualMax = 0;
            for (int k = 1; k < factors.length; k++) for (double v : factors[k]) actualMax = Math.max(actualMax, Math.abs(v));
            int quantisedMax = (int) Math.max(0, Math.min(82, Math.floor(actualMax * 166 - 0.5)));
            maxValue = (quantisedMax + 1) / 166.0;
            base83(hash, quantisedMax, 1);
        } else {
            base83(hash, 0, 1);
        }
        double[] dc = factors[0];
        base83(hash, (toSrgb(dc[0]) << 16) + (toSrgb(dc[1]) << 8) + toSrgb(dc[2]), 4);
        for (int k = 1; k < factors.length; k++) {
            double[] f = factors[k];
            base83(hash, quantise(f[0], maxValue) * 19 * 19 + quantise(f[1], maxValue) * 19 + quantise(f[2], maxValue), 2);
        }
        return hash.toString();
    }

    private static int quantise(double value, double maxValue) {
        double v = value / maxValue;
        return (int) Math.max(0, Math.min(18, Math.floor(Math.copySign(Math.sqrt(Math.abs(v)), v) * 9 + 9.5)));
    }

    private static double toLinear(int srgb) {
        double v = srgb / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    static int toSrgb(double linear) {
        double v = Math.max(0, Math.min(1, linear));
        return v <= 0.0031308 ? (int) (v * 12.92 * 255 + 0.5) : (int) ((1.055 * Math.pow(v, 1 / 2.4) - 0.055) * 255 + 0.5);
    }

    private static void base83(StringBuilder out, int value, int length) {
        for (int i = length - 1; i >= 0; i--) {
            int divisor = 1;
            for (int k = 0; k < i; k++) divisor *= 83;
            out.append(DIGITS.charAt((value / divisor) % 83));
        }
    }
}
