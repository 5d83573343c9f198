package dev.colossus.social.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Decides a file's format from its first bytes (its "magic numbers"), the only thing the network trusts: names and
 * declared content types are ignored. Stateless and thread-safe.
 */
public final class MediaSniffer {

    /** ISO base media brands of MP4 video (HEIF images, QuickTime and others share the container but are refused). */
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41", "mp42",
            "avc1", "M4V ", "M4A ", "dash", "mmp4", "MSNV", "f4v ");

    private MediaSniffer() {
    }

    /** The format of {@code data}, or empty when it is none of {@link MediaFormat}'s. */
    public static Optional<MediaFormat> sniff(byte[] data) {
        ByteReader r = new ByteReader(data);
        if (r.ascii(0, "\u0089PNG\r\n\u001A\n")) return Optional.of(MediaFormat.PNG);
        if (r.length() >= 3 && r.u8(0) == 0xFF && r.u8(1) == 0xD8 && r.u8(2) == 0xFF) return Optional.of(MediaFormat.JPEG);
        if (r.ascii(0, "GIF87a") || r.ascii(0, "GIF89a")) return Optional.of(MediaFormat.GIF);
        if (r.ascii(0, "RIFF") && r.ascii(8, "WEBP")) return Optional.of(MediaFormat.WEBP);
        if (r.ascii(0, "RIFF") && r.ascii(8, "WAVE")) return Optional.of(MediaFormat.WAV);
        if (r.ascii(0, "OggS")) return Optional.of(MediaFormat.OGG);
        if (r.ascii(4, "ftyp") && r.length() >= 12 && MP4_BRANDS.contains(new String(data, 8, 4, StandardCharsets.ISO_8859_1))) {
            return Optional.of(MediaFormat.MP4);
        }
        if (r.length() >= 4 && r.u32be(0) == 0x1A45DFA3L && isWebm(r)) return Optional.of(MediaFormat.WEBM);
        if (r.ascii(0, "ID3") || startsWithFrame(r)) {
            return Optional.of(MediaFormat.MP3);
        }
        return Optional.empty();
    }

    /** An MP3 without a tag must start with a frame that another frame follows. */
    private static boolean startsWithFrame(ByteReader r) {
        long[] at = new long[1];
        return Mp3Frame.first(r, 0, at) != null && at[0] == 0;
    }

    /** The EBML header's DocType is "webm" (Matroska files in general are refused). */
    private static boolean isWebm(ByteReader r) {
        for (int i = 4; i < Math.min(r.length() - 7, 64); i++) {
            int size = r.u8(i + 2);
            if (r.u16be(i) == 0x4282 && size != 0 && r.ascii(i + 2 + Integer.numberOfLeadingZeros(size) - 23, "webm")) {
                return true;
            }
        }
        return false;
    }
}
