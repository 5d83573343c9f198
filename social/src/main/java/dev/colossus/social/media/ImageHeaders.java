package dev.colossus.social.media;

/**
 * Image sizes read from file headers, before any pixel is decoded, and the frames of animated GIFs. Stateless and
 * thread-safe.
 */
final class ImageHeaders {

    private ImageHeaders() {
    }

    /** Width and height (and for an animated GIF its duration and frame rate). @throws SocialException.Invalid */
    static MediaInfo read(MediaFormat format, ByteReader r) {
        return switch (format) {
            case PNG -> {
                if (!r.ascii(12, "IHDR")) throw ByteReader.damaged();
                yield MediaInfo.image(Math.toIntExact(Math.min(r.u32be(16), Integer.MAX_VALUE)),
                        Math.toIntExact(Math.min(r.u32be(20), Integer.MAX_VALUE)));
            }
            case JPEG -> JpegSegments.size(r);
            case GIF -> gif(r);
            case WEBP -> webp(r);
            default -> throw new IllegalArgumentException(format + " is not an image");
        };
    }

    private static MediaInfo webp(ByteReader r) {
        if (r.ascii(12, "VP8 ")) {
            if (r.u8(23) != 0x9D || r.u8(24) != 0x01 || r.u8(25) != 0x2A) throw ByteReader.damaged();
            return MediaInfo.image(r.u16le(26) & 0x3FFF, r.u16le(28) & 0x3FFF);
        }
        if (r.ascii(12, "VP8L")) {
            if (r.u8(20) != 0x2F) throw ByteReader.damaged();
            long bits = r.u32le(21);
            return MediaInfo.image((int) (bits & 0x3FFF) + 1, (int) ((bits >> 14) & 0x3FFF) + 1);
        }
        if (r.ascii(12, "VP8X")) return MediaInfo.image(r.u24le(24) + 1, r.u24le(27) + 1);
        throw ByteReader.damaged();
    }

    /**
     * The logical screen size; when the GIF has more than one frame, also its duration (the frames' delays) and
     * frame rate.
     */
    private static MediaInfo gif(ByteReader r) {
        int width = r.u16le(6), height = r.u16le(8);
        int flags = r.u8(10);
        long at = 13 + ((flags & 0x80) != 0 ? 3L << ((flags & 7) + 1) : 0);
        int frames = 0;
        long delayHundredths = 0;
        while (at < r.length()) {
            int block = r.u8(at);
            if (block == 0x3B) break;
            if (block == 0x21) {
                if (r.u8(at + 1) == 0xF9) delayHundredths += r.u16le(at + 4);
                at = skipSubBlocks(r, at + 2);
            } else if (block == 0x2C) {
                frames++;
                int local = r.u8(at + 9);
                at += 10 + ((local & 0x80) != 0 ? 3L << ((local & 7) + 1) : 0);
                at = skipSubBlocks(r, at + 1); // after the LZW minimum code size
            } else {
                throw ByteReader.damaged();
            }
        }
        if (frames == 0) throw ByteReader.damaged();
        if (frames == 1) return MediaInfo.image(width, height);
        double seconds = delayHundredths / 100.0;
        return new MediaInfo(width, height, seconds, seconds > 0 ? frames / seconds : null);
    }

    private static long skipSubBlocks(ByteReader r, long at) {
        while (true) {
            int n = r.u8(at);
            at += 1 + n;
            if (n == 0) return at;
        }
    }
}
