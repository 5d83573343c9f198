package dev.colossus.social.media;

/**
 * Durations of audio files from their headers: WAV's format and data chunks, MP3's frame headers (a Xing, Info or
 * VBRI frame count when there is one, else the constant bitrate), Ogg's granule positions (Vorbis and Opus).
 * Stateless and thread-safe.
 */
final class AudioHeaders {

    private AudioHeaders() {
    }

    static MediaInfo read(MediaFormat format, ByteReader r) {
        return switch (format) {
            case WAV -> wav(r);
            case MP3 -> mp3(r);
            case OGG -> ogg(r);
            default -> throw new IllegalArgumentException(format + " is not audio");
        };
    }

    private static MediaInfo wav(ByteReader r) {
        long byteRate = 0;
        for (long at = 12; at + 8 <= r.length(); ) {
            long size = r.u32le(at + 4);
            if (r.ascii(at, "fmt ")) byteRate = r.u32le(at + 16);
            if (r.ascii(at, "data")) {
                if (byteRate == 0) throw ByteReader.damaged();
                long data = Math.min(size, r.length() - at - 8); // streams write 0 or -1 for an unknown length
                return MediaInfo.audio(data == 0 && size == 0 ? null : (double) data / byteRate);
            }
            at += 8 + size + (size & 1);
        }
        throw ByteReader.damaged();
    }

    private static MediaInfo mp3(ByteReader r) {
        long[] at = new long[1];
        Mp3Frame f = Mp3Frame.first(r, Mp3Frame.audioStart(r), at);
        if (f == null) throw ByteReader.damaged();
        long header = at[0];
        long sideInfo = f.version() == 1 ? (f.mono() ? 17 : 32) : (f.mono() ? 9 : 17);
        long xing = header + 4 + sideInfo;
        long frames = -1;
        if ((r.ascii(xing, "Xing") || r.ascii(xing, "Info")) && (r.u32be(xing + 4) & 1) != 0) frames = r.u32be(xing + 8);
        else if (r.ascii(header + 36, "VBRI")) frames = r.u32be(header + 36 + 14);
        if (frames >= 0) return MediaInfo.audio((double) frames * f.samples() / f.sampleRate());
        if (f.bitrate() == 0) return MediaInfo.audio(null);
        long bytes = r.length() - header - (r.length() >= 128 && r.ascii(r.length() - 128, "TAG") ? 128 : 0);
        return MediaInfo.audio(bytes * 8.0 / f.bitrate());
    }

    /** The first stream's last granule position over its rate (Vorbis: its sample rate; Opus: 48 kHz less pre-skip). */
    private static MediaInfo ogg(ByteReader r) {
        long serial = r.u32le(14);
        int segments = r.u8(26);
        long packet = 27 + segments;
        long rate, skip = 0;
        if (r.u8(packet) == 1 && r.ascii(packet + 1, "vorbis")) {
            rate = r.u32le(packet + 12);
        } else if (r.ascii(packet, "OpusHead")) {
            rate = 48000;
            skip = r.u16le(packet + 10);
        } else {
            return MediaInfo.audio(null); // another codec: its duration is not worked out
        }
        if (rate == 0) throw ByteReader.damaged();
        for (long at = r.length() - 27; at >= 0; at--) {
            if (r.ascii(at, "OggS") && r.u32le(at + 14) == serial) {
                long granule = r.u64le(at + 6);
                return MediaInfo.audio(granule < 0 ? null : Math.max(0, granule - skip) / (double) rate);
            }
        }
        throw ByteReader.damaged();
    }
}
