package dev.colossus.studio.music;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Encodes 48 kHz 16-bit stereo PCM as an Ogg Opus file (RFC 7845): Opus packets from the Concentus encoder, in an
 * Ogg container (RFC 3533) written here, with the identification and comment headers on pages of their own.
 */
final class OggOpusEncoder {
    static final int SAMPLE_RATE = 48_000;
    private static final int CHANNELS = 2;
    private static final int FRAME = 960;
    private static final int BITRATE = 128_000;
    private static final int PACKETS_PER_PAGE = 50;
    private static final int[] CRC = crcTable();

    private OggOpusEncoder() {
    }

    /** {@code pcm}: little-endian signed 16-bit samples, left and right interleaved. */
    static byte[] encode(byte[] pcm, DoubleConsumer progress) {
        try {
            OpusEncoder encoder = new OpusEncoder(SAMPLE_RATE, CHANNELS, OpusApplication.OPUS_APPLICATION_AUDIO);
            encoder.setBitrate(BITRATE);
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_MUSIC);
            int preSkip = encoder.getLookahead();
            short[] samples = new short[pcm.length / 2];
            ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            long frames = samples.length / CHANNELS;
            Pages pages = new Pages((int) (frames * 31 + 7));
            pages.write(List.of(head(preSkip)), 0, 0x02);
            pages.write(List.of(tags()), 0, 0);
            short[] frame = new short[FRAME * CHANNELS];
            byte[] packet = new byte[4000];
            List<byte[]> pending = new ArrayList<>();
            long total = frames + preSkip;
            long encoded = 0;
            for (long at = 0; at < total; at += FRAME) {
                java.util.Arrays.fill(frame, (short) 0);
                long from = Math.min(at * CHANNELS, samples.length);
                int count = (int) Math.min((long) FRAME * CHANNELS, samples.length - from);
                System.arraycopy(samples, (int) from, frame, 0, count);
                int n = encoder.encode(frame, 0, FRAME, packet, 0, packet.length);
                pending.add(java.util.Arrays.copyOf(packet, n));
                encoded += FRAME;
                boolean last = at + FRAME >= total;
                if (pending.size() == PACKETS_PER_PAGE || last) {
                    pages.write(pending, last ? total : encoded, last ? 0x04 : 0);
                    pending.clear();
                    progress.accept((double) at / total);
                }
            }
            return pages.bytes();
        } catch (OpusException e) {
            throw new IllegalStateException("the Opus encoder failed: " + e.getMessage(), e);
        }
    }

    private static byte[] head(int preSkip) {
        ByteBuffer b = ByteBuffer.allocate(19).order(ByteOrder.LITTLE_ENDIAN);
        b.put("OpusHead".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) CHANNELS)
                .putShort((short) preSkip).putInt(SAMPLE_RATE).putShort((short) 0).put((byte) 0);
        return b.array();
    }

    private static byte[] tags() {
        byte[] vendor = "Colossus studio".getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + 4 + vendor.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("OpusTags".getBytes(StandardCharsets.US_ASCII)).putInt(vendor.length).put(vendor).putInt(0);
        return b.array();
    }

    /** Ogg pages of one logical stream. */
    private static final class Pages {
        private final ByteArrayOutputStream out;
        private int sequence;

        Pages(int sizeHint) {
            out = new ByteArrayOutputStream(sizeHint);
        }

        /** One page holding whole {@code packets} (at most 255 lacing values), ending at {@code granule}. */
        void write(List<byte[]> packets, long granule, int flags) {
            ByteArrayOutputStream lacing = new ByteArrayOutputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] p : packets) {
                int left = p.length;
                while (left >= 255) {
                    lacing.write(255);
                    left -= 255;
                }
                lacing.write(left);
                body.writeBytes(p);
            }
            byte[] segments = lacing.toByteArray();
            if (segments.length > 255) {
                throw new IllegalStateException("too many segments for one Ogg page");
            }
            ByteBuffer page = ByteBuffer.allocate(27 + segments.length + body.size()).order(ByteOrder.LITTLE_ENDIAN);
            page.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) flags).putLong(granule)
                    .putInt(0x436f6c6f).putInt(sequence++).putInt(0).put((byte) segments.length).put(segments)
                    .put(body.toByteArray());
            byte[] bytes = page.array();
            int crc = 0;
            for (byte x : bytes) {
                crc = (crc << 8) ^ CRC[((crc >>> 24) ^ (x & 255)) & 255];
            }
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(22, crc);
            out.writeBytes(bytes);
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** The Ogg CRC-32: polynomial 0x04c11db7, no reflection, initial value 0. */
    private static int[] crcTable() {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int j = 0; j < 8; j++) {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04c11db7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }
}
