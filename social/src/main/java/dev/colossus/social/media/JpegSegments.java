package dev.colossus.social.media;

import java.io.ByteArrayOutputStream;

/**
 * A JPEG file's marker segments: its size from the frame header (read without decoding), its EXIF orientation, and
 * a copy without metadata segments. Stateless and thread-safe.
 */
final class JpegSegments {

    private static final int SOS = 0xDA, EOI = 0xD9, APP1 = 0xE1, APP13 = 0xED;

    private JpegSegments() {
    }

    /** Width and height from the first frame header (SOF0..SOF15, not DHT, JPG or DAC). */
    static MediaInfo size(ByteReader r) {
        for (long at = 2; ; ) {
            int marker = marker(r, at);
            if (marker == SOS || marker == EOI) break;
            int length = r.u16be(at + 2);
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return MediaInfo.image(r.u16be(at + 7), r.u16be(at + 5));
            }
            at += 2 + length;
        }
        throw ByteReader.damaged();
    }

    private static int marker(ByteReader r, long at) {
        if (r.u8(at) != 0xFF) throw ByteReader.damaged();
        return r.u8(at + 1);
    }

    /**
     * The EXIF orientation (1 to 8; 1 is upright), or 1 when the file has none. 2..8 say how the stored pixels must be
     * turned or mirrored to be shown upright.
     */
    static int orientation(ByteReader r) {
        for (long at = 2; ; ) {
            int marker = marker(r, at);
            if (marker == SOS || marker == EOI) return 1;
            int length = r.u16be(at + 2);
            if (marker == APP1 && r.ascii(at + 4, "Exif\0\0")) return exifOrientation(r, at + 10);
            at += 2 + length;
        }
    }

    /** Tag 0x0112 of IFD0 in the TIFF structure at {@code tiff}. */
    private static int exifOrientation(ByteReader r, long tiff) {
        boolean le = r.ascii(tiff, "II");
        if (!le && !r.ascii(tiff, "MM")) return 1;
        long ifd = tiff + (le ? r.u32le(tiff + 4) : r.u32be(tiff + 4));
        int entries = le ? r.u16le(ifd) : r.u16be(ifd);
        for (int i = 0; i < entries; i++) {
            long e = ifd + 2 + 12L * i;
            int tag = le ? r.u16le(e) : r.u16be(e);
            if (tag == 0x0112) {
                int v = le ? r.u16le(e + 8) : r.u16be(e + 8);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    /**
     * The file without its APP1 (EXIF, XMP) and APP13 (Photoshop, IPTC) segments: no camera, place or time data
     * stays. The compressed image is copied byte for byte, so nothing is lost.
     */
    static byte[] withoutMetadata(byte[] data) {
        ByteReader r = new ByteReader(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        out.write(data, 0, 2);
        long at = 2;
        while (true) {
            int marker = marker(r, at);
            if (marker == SOS || marker == EOI) {
                out.write(data, (int) at, data.length - (int) at);
                return out.toByteArray();
            }
            int length = r.u16be(at + 2);
            if (at + 2 + length > data.length) throw ByteReader.damaged();
            if (marker != APP1 && marker != APP13) out.write(data, (int) at, 2 + length);
            at += 2 + length;
        }
    }
}
