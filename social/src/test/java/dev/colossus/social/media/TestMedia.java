package dev.colossus.social.media;

import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Small real media files built in memory for tests (images through ImageIO, containers byte by byte). */
public final class TestMedia {

    private TestMedia() {
    }

    /** An image of the given size: left half red, right half blue. */
    public static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height), "jpeg");
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG with an EXIF segment (orientation and a camera model and GPS-like text) right after SOI. */
    public static byte[] jpegWithExif(int width, int height, int orientation) {
        byte[] plain = jpeg(width, height);
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + 32);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0110).putShort((short) 2).putInt(16).putInt(8 + 2 + 2 * 12 + 4); // Model: ASCII
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);
        tiff.put("SecretCam GPS 51.5N".getBytes(StandardCharsets.US_ASCII));
        byte[] exif = new byte[6 + tiff.capacity()];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.US_ASCII), 0, exif, 0, 6);
        System.arraycopy(tiff.array(), 0, exif, 6, tiff.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write((exif.length + 2) >> 8);
        out.write((exif.length + 2) & 0xFF);
        out.writeBytes(exif);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** A GIF of {@code frames} frames, each shown {@code delayHundredths} of a second. */
    public static byte[] gif(int frames, int delayHundredths) {
        try {
            var writer = ImageIO.getImageWritersByFormatName("gif").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (var out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.prepareWriteSequence(null);
                for (int i = 0; i < frames; i++) {
                    BufferedImage frame = picture(40, 30);
                    var type = javax.imageio.ImageTypeSpecifier.createFromRenderedImage(frame);
                    var meta = writer.getDefaultImageMetadata(type, null);
                    String format = meta.getNativeMetadataFormatName();
                    var root = (javax.imageio.metadata.IIOMetadataNode) meta.getAsTree(format);
                    var gce = new javax.imageio.metadata.IIOMetadataNode("GraphicControlExtension");
                    gce.setAttribute("disposalMethod", "none");
                    gce.setAttribute("userInputFlag", "FALSE");
                    gce.setAttribute("transparentColorFlag", "FALSE");
                    gce.setAttribute("delayTime", Integer.toString(delayHundredths));
                    gce.setAttribute("transparentColorIndex", "0");
                    root.appendChild(gce);
                    meta.setFromTree(format, root);
                    writer.writeToSequence(new javax.imageio.IIOImage(frame, null, meta), null);
                }
                writer.endWriteSequence();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG whose header says width by height, 1-bit grey, with real (all-zero) image data. */
    public static byte[] hugePng(int width, int height) {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] row = new byte[1 + (width + 7) / 8];
            for (int y = 0; y < height; y++) z.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(out, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 1).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A 16-bit mono WAV of the given length at 8 kHz. */
    public static byte[] wav(double seconds) {
        AudioFormat format = new AudioFormat(8000, 16, 1, true, false);
        int frames = (int) Math.round(seconds * 8000);
        byte[] pcm = new byte[frames * 2];
        for (int i = 0; i < frames; i++) {
            short v = (short) (Math.sin(i * 2 * Math.PI * 440 / 8000) * 8000);
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, frames), AudioFileFormat.Type.WAVE, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A constant-bitrate MP3 stream: {@code frames} MPEG-1 layer III frames at 128 kbit/s, 44.1 kHz (silent data). */
    public static byte[] mp3(int frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < frames; i++) {
            byte[] frame = new byte[417]; // 144 * 128000 / 44100, no padding
            frame[0] = (byte) 0xFF;
            frame[1] = (byte) 0xFB;
            frame[2] = (byte) 0x90;
            frame[3] = (byte) 0x44;
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    /** An MP4 with only its index: a 640x360 video track of {@code frames} frames at 25 per second. */
    public static byte[] mp4(int frames) {
        int timescale = 12800, perFrame = 512;
        long duration = (long) frames * perFrame;
        byte[] mvhd = box("mvhd", ByteBuffer.allocate(100).putInt(0).putInt(0).putInt(0).putInt(1000)
                .putInt((int) (duration * 1000 / timescale)).array());
        ByteBuffer tkhdBody = ByteBuffer.allocate(84).putInt(3);
        tkhdBody.position(76);
        tkhdBody.putInt(640 << 16).putInt(360 << 16);
        byte[] tkhd = box("tkhd", tkhdBody.array());
        byte[] mdhd = box("mdhd", ByteBuffer.allocate(24).putInt(0).putInt(0).putInt(0).putInt(timescale)
                .putInt((int) duration).putInt(0).array());
        byte[] hdlr = box("hdlr", ByteBuffer.allocate(25).putInt(0).putInt(0).put("vide".getBytes(StandardCharsets.US_ASCII)).array());
        byte[] stts = box("stts", ByteBuffer.allocate(16).putInt(0).putInt(1).putInt(frames).putInt(perFrame).array());
        // A QuickTime-style data handler inside minf too, as some muxers write.
        byte[] dataHandler = box("hdlr", ByteBuffer.allocate(25).putInt(0).put("dhlr".getBytes(StandardCharsets.US_ASCII))
                .put("alis".getBytes(StandardCharsets.US_ASCII)).array());
        byte[] trak = box("trak", tkhd, box("mdia", mdhd, hdlr, box("minf", dataHandler, box("stbl", stts))));
        byte[] ftyp = box("ftyp", "isom\0\0\2\0isomiso2avc1mp41".getBytes(StandardCharsets.US_ASCII));
        return concat(ftyp, box("moov", mvhd, trak), box("mdat", new byte[64]));
    }

    private static byte[] box(String type, byte[]... bodies) {
        byte[] body = concat(bodies);
        return concat(ByteBuffer.allocate(4).putInt(body.length + 8).array(), type.getBytes(StandardCharsets.US_ASCII), body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** A WebM with only its header, info and one 320x240 video track at 30 frames per second, lasting 2.5 s. */
    public static byte[] webm() {
        byte[] header = ebml(0x1A45DFA3, ebml(0x4282, "webm".getBytes(StandardCharsets.US_ASCII)));
        byte[] info = ebml(0x1549A966, concat(ebml(0x2AD7B1, new byte[]{0x0F, 0x42, 0x40}),
                ebml(0x4489, ByteBuffer.allocate(8).putDouble(2500).array())));
        byte[] video = ebml(0xE0, concat(ebml(0xB0, new byte[]{0x01, 0x40}), ebml(0xBA, new byte[]{0x00, (byte) 0xF0})));
        byte[] track = ebml(0xAE, concat(ebml(0xD7, new byte[]{1}), ebml(0x23E383, ByteBuffer.allocate(4).putInt(33_333_333).array()), video));
        byte[] segment = ebml(0x18538067, concat(info, ebml(0x1654AE6B, track), ebml(0x1F43B675, new byte[8])));
        return concat(header, segment);
    }

    private static byte[] ebml(int id, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int bytes = id > 0xFFFFFF ? 4 : id > 0xFFFF ? 3 : id > 0xFF ? 2 : 1;
        for (int i = bytes - 1; i >= 0; i--) out.write(id >> (8 * i));
        out.write(0x08); // 4-byte size
        out.writeBytes(ByteBuffer.allocate(4).putInt(body.length).array());
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** An Ogg Vorbis stream's first page (identification header at 44.1 kHz) and a last page at granule 88200. */
    public static byte[] ogg() {
        byte[] id = ByteBuffer.allocate(30).order(java.nio.ByteOrder.LITTLE_ENDIAN).put((byte) 1)
                .put("vorbis".getBytes(StandardCharsets.US_ASCII)).putInt(0).put((byte) 2).putInt(44100).array();
        return concat(oggPage(0, id), oggPage(88200, new byte[10]));
    }

    private static byte[] oggPage(long granule, byte[] packet) {
        ByteBuffer page = ByteBuffer.allocate(28 + packet.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        page.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0).putLong(granule)
                .putInt(7).putInt(0).putInt(0).put((byte) 1).put((byte) packet.length).put(packet);
        return page.array();
    }
}
