package dev.colossus.social.media;

/**
 * Size, duration and frame rate of video files from their containers: MP4's boxes ({@code mvhd} for the duration;
 * per video track {@code tkhd} for the size, {@code mdhd} and {@code stts} for the frame rate) and WebM's EBML
 * elements (Info's duration, the video track's pixel size and default frame duration). Files whose index is missing
 * or unusual give nulls rather than guesses. Stateless and thread-safe.
 */
final class VideoHeaders {

    private static final int EBML_SEGMENT = 0x18538067, EBML_INFO = 0x1549A966, EBML_TRACKS = 0x1654AE6B,
            EBML_TRACK = 0xAE, EBML_VIDEO = 0xE0, EBML_CLUSTER = 0x1F43B675;

    private VideoHeaders() {
    }

    static MediaInfo read(MediaFormat format, ByteReader r) {
        return switch (format) {
            case MP4 -> mp4(r);
            case WEBM -> webm(r);
            default -> throw new IllegalArgumentException(format + " is not video");
        };
    }

    /** What an MP4 file's boxes tell, filled in as they are read. */
    private static final class Mp4 {
        Double duration;
        Integer width, height;
        Double frameRate;
        // the track being read
        Integer trackWidth, trackHeight;
        boolean video;
        double mediaSeconds;
        long samples;
    }

    private static MediaInfo mp4(ByteReader r) {
        Mp4 m = new Mp4();
        boxes(r, 0, r.length(), m);
        if (m.duration == null) throw ByteReader.damaged(); // no movie header: not a playable file
        return new MediaInfo(m.width, m.height, m.duration, m.frameRate);
    }

    private static void boxes(ByteReader r, long from, long to, Mp4 m) {
        for (long at = from; at + 8 <= to; ) {
            long size = r.u32be(at);
            long header = 8;
            if (size == 1) {
                size = r.u64be(at + 8);
                header = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < header || at + size > to) throw ByteReader.damaged();
            long body = at + header;
            if (r.ascii(at + 4, "moov") || r.ascii(at + 4, "mdia") || r.ascii(at + 4, "minf") || r.ascii(at + 4, "stbl")) {
                boxes(r, body, at + size, m);
            } else if (r.ascii(at + 4, "trak")) {
                m.trackWidth = m.trackHeight = null;
                m.video = false;
                m.mediaSeconds = 0;
                m.samples = 0;
                boxes(r, body, at + size, m);
                if (m.video && m.width == null) {
                    m.width = m.trackWidth;
                    m.height = m.trackHeight;
                    if (m.mediaSeconds > 0 && m.samples > 0) m.frameRate = m.samples / m.mediaSeconds;
                }
            } else if (r.ascii(at + 4, "mvhd")) {
                m.duration = seconds(r, body);
            } else if (r.ascii(at + 4, "mdhd")) {
                Double s = seconds(r, body);
                m.mediaSeconds = s == null ? 0 : s;
            } else if (r.ascii(at + 4, "tkhd")) {
                m.trackWidth = (int) (r.u32be(at + size - 8) >> 16);
                m.trackHeight = (int) (r.u32be(at + size - 4) >> 16);
            } else if (r.ascii(at + 4, "hdlr")) {
                // The media handler says "vide"; QuickTime-style files add a data handler ("alis") inside minf.
                if (r.ascii(body + 8, "vide")) m.video = true;
            } else if (r.ascii(at + 4, "stts")) {
                long entries = r.u32be(body + 4);
                for (long i = 0; i < entries; i++) m.samples += r.u32be(body + 8 + 8 * i);
            }
            at += size;
        }
    }

    /** Duration over time scale of an mvhd or mdhd box (versions 0 and 1); null when unknown. */
    private static Double seconds(ByteReader r, long body) {
        boolean v1 = r.u8(body) == 1;
        long scale = r.u32be(body + (v1 ? 20 : 12));
        long duration = v1 ? r.u64be(body + 24) : r.u32be(body + 16);
        if (scale == 0 || duration == (v1 ? -1L : 0xFFFFFFFFL)) return null;
        return (double) duration / scale;
    }

    /** What a WebM file's elements tell, filled in as they are read. */
    private static final class Webm {
        long timecodeScale = 1_000_000;
        Double duration;
        Integer width, height;
        Double frameRate;
        long trackDefaultDuration;
        boolean done;
    }

    private static MediaInfo webm(ByteReader r) {
        Webm w = new Webm();
        elements(r, 0, r.length(), w);
        Double seconds = w.duration == null ? null : w.duration * w.timecodeScale / 1e9;
        return new MediaInfo(w.width, w.height, seconds, w.frameRate);
    }

    private static void elements(ByteReader r, long from, long to, Webm w) {
        for (long at = from; at < to && !w.done; ) {
            int idLength = vintLength(r.u8(at));
            long id = 0;
            for (int i = 0; i < idLength; i++) id = (id << 8) | r.u8(at + i);
            long sizeAt = at + idLength;
            int sizeLength = vintLength(r.u8(sizeAt));
            long size = r.u8(sizeAt) & (0xFF >> sizeLength);
            boolean unknown = size == (0xFF >> sizeLength);
            for (int i = 1; i < sizeLength; i++) {
                int b = r.u8(sizeAt + i);
                unknown &= b == 0xFF;
                size = (size << 8) | b;
            }
            long body = sizeAt + sizeLength;
            long end = unknown ? to : body + size;
            if (end > to) end = to; // a file cut short: read what is there
            if (id == EBML_CLUSTER) {
                w.done = true; // the media data: Info and Tracks come before it
            } else if (id == EBML_SEGMENT || id == EBML_INFO || id == EBML_TRACKS || id == EBML_VIDEO) {
                elements(r, body, end, w);
            } else if (id == EBML_TRACK) {
                w.trackDefaultDuration = 0;
                Integer before = w.width;
                elements(r, body, end, w);
                if (before == null && w.width != null && w.trackDefaultDuration > 0) w.frameRate = 1e9 / w.trackDefaultDuration;
            } else if (id == 0x2AD7B1) {
                w.timecodeScale = uint(r, body, size);
            } else if (id == 0x4489) {
                w.duration = size == 4 ? (double) Float.intBitsToFloat((int) r.u32be(body)) : Double.longBitsToDouble(r.u64be(body));
            } else if (id == 0x23E383) {
                w.trackDefaultDuration = uint(r, body, size);
            } else if (id == 0xB0 && w.width == null) {
                w.width = (int) uint(r, body, size);
            } else if (id == 0xBA && w.height == null) {
                w.height = (int) uint(r, body, size);
            }
            if (unknown) return;
            at = body + size;
        }
    }

    private static int vintLength(int first) {
        if (first == 0) throw ByteReader.damaged();
        return Integer.numberOfLeadingZeros(first) - 23;
    }

    private static long uint(ByteReader r, long at, long size) {
        if (size > 8) throw ByteReader.damaged();
        long v = 0;
        for (int i = 0; i < size; i++) v = (v << 8) | r.u8(at + i);
        return v;
    }
}
