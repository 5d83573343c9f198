package dev.colossus.social.media;

import dev.colossus.social.SocialException;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MediaProcessorTest {

    private final MediaProcessor processor = new MediaProcessor(MediaLimits.DEFAULT);

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) if (haystack[i + j] != n[j]) continue outer;
            return true;
        }
        return false;
    }

    private static BufferedImage read(byte[] data) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(data));
    }

    @Test
    void formatsAreRecognisedByTheirBytesAlone() {
        assertThat(MediaSniffer.sniff(TestMedia.png(4, 4))).contains(MediaFormat.PNG);
        assertThat(MediaSniffer.sniff(TestMedia.jpeg(4, 4))).contains(MediaFormat.JPEG);
        assertThat(MediaSniffer.sniff(TestMedia.gif(2, 10))).contains(MediaFormat.GIF);
        assertThat(MediaSniffer.sniff(TestMedia.wav(0.1))).contains(MediaFormat.WAV);
        assertThat(MediaSniffer.sniff(TestMedia.mp3(3))).contains(MediaFormat.MP3);
        assertThat(MediaSniffer.sniff(TestMedia.ogg())).contains(MediaFormat.OGG);
        assertThat(MediaSniffer.sniff(TestMedia.mp4(10))).contains(MediaFormat.MP4);
        assertThat(MediaSniffer.sniff(TestMedia.webm())).contains(MediaFormat.WEBM);
        assertThat(MediaSniffer.sniff("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(MediaSniffer.sniff("\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
        assertThat(MediaSniffer.sniff(new byte[]{(byte) 0xFF, (byte) 0xFB, 1})).isEmpty();
    }

    @Test
    void aFileThatIsNothingAcceptedIsRefusedWhateverItClaims() {
        byte[] script = "#!/bin/sh\necho this is not a picture.png\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> processor.process(script)).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("not an accepted type");
        byte[] truncated = Arrays.copyOf(TestMedia.png(50, 50), 20);
        assertThatThrownBy(() -> processor.process(truncated)).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("truncated or damaged");
    }

    @Test
    void imagesGetTheirSizeAPreviewOfAtMost400PixelsAndABlurHash() throws IOException {
        MediaProcessor.Processed p = processor.process(TestMedia.png(1000, 500));
        assertThat(p.format()).isEqualTo(MediaFormat.PNG);
        assertThat(p.type()).isEqualTo(MediaType.IMAGE);
        assertThat(p.info()).isEqualTo(MediaInfo.image(1000, 500));
        assertThat(p.preview()).isEqualTo(new Preview("jpg", 400, 200));
        BufferedImage preview = read(p.previewBytes());
        assertThat(preview.getWidth()).isEqualTo(400);
        assertThat(preview.getRGB(50, 100) & 0xFF0000).isGreaterThan(0xC00000); // red half stays red
        assertThat(preview.getRGB(350, 100) & 0xFF).isGreaterThan(0xC0); // blue half stays blue
        assertThat(p.blurhash()).hasSize(6 + 2 * 15);
    }

    @Test
    void tooManyPixelsAreRefusedFromTheHeaderBeforeDecoding() {
        byte[] huge = TestMedia.hugePng(30000, 30000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> processor.process(huge)).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("30000x30000");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
        MediaProcessor narrow = new MediaProcessor(new MediaLimits(16 << 20, 1, 1, 1_000_000, 16384));
        assertThatThrownBy(() -> narrow.process(TestMedia.png(1001, 1000))).isInstanceOf(SocialException.Invalid.class);
        assertThat(narrow.process(TestMedia.png(1000, 1000)).info().width()).isEqualTo(1000);
    }

    @Test
    void filesLargerThanTheirKindsLimitAreRefused() {
        MediaProcessor small = new MediaProcessor(new MediaLimits(2000, 1000, 1000, 1 << 24, 4096));
        byte[] png = TestMedia.png(20, 20);
        assertThat(png.length).isLessThan(1000);
        assertThat(small.process(png).format()).isEqualTo(MediaFormat.PNG);
        assertThatThrownBy(() -> small.process(TestMedia.wav(0.2))).isInstanceOf(SocialException.Invalid.class)
                .hasMessageContaining("audio files must be at most 1000 bytes");
    }

    @Test
    void jpegsAreStoredWithoutExif() throws IOException {
        byte[] upload = TestMedia.jpegWithExif(64, 48, 1);
        assertThat(contains(upload, "Exif")).isTrue();
        MediaProcessor.Processed p = processor.process(upload);
        assertThat(contains(p.stored(), "Exif")).isFalse();
        assertThat(contains(p.stored(), "SecretCam")).isFalse();
        assertThat(p.stored().length).isEqualTo(TestMedia.jpeg(64, 48).length); // only the segment went
        assertThat(read(p.stored()).getWidth()).isEqualTo(64);
    }

    @Test
    void aTurnedJpegIsStoredUprightWithoutExif() throws IOException {
        MediaProcessor.Processed p = processor.process(TestMedia.jpegWithExif(64, 48, 6));
        assertThat(contains(p.stored(), "Exif")).isFalse();
        assertThat(p.info()).isEqualTo(MediaInfo.image(48, 64));
        BufferedImage stored = read(p.stored());
        assertThat(stored.getWidth()).isEqualTo(48);
        assertThat(stored.getHeight()).isEqualTo(64);
        // Orientation 6: the stored left (red) half is shown on top.
        assertThat(stored.getRGB(24, 5) & 0xFF0000).isGreaterThan(0xC00000);
        assertThat(stored.getRGB(24, 58) & 0xFF).isGreaterThan(0xC0);
    }

    @Test
    void animatedGifsAreGifvWithTheirDurationAndStillGifsAreImages() {
        MediaProcessor.Processed animated = processor.process(TestMedia.gif(5, 20));
        assertThat(animated.type()).isEqualTo(MediaType.GIFV);
        assertThat(animated.format()).isEqualTo(MediaFormat.GIF);
        assertThat(animated.info().duration()).isCloseTo(1.0, within(1e-9));
        assertThat(animated.info().frameRate()).isCloseTo(5.0, within(1e-9));
        assertThat(animated.preview()).isNotNull();
        MediaProcessor.Processed still = processor.process(TestMedia.gif(1, 0));
        assertThat(still.type()).isEqualTo(MediaType.IMAGE);
        assertThat(still.info().duration()).isNull();
    }

    @Test
    void audioAndVideoDurationsComeFromTheirHeaders() {
        MediaProcessor.Processed wav = processor.process(TestMedia.wav(1.5));
        assertThat(wav.type()).isEqualTo(MediaType.AUDIO);
        assertThat(wav.info().duration()).isCloseTo(1.5, within(1e-6));
        assertThat(wav.preview()).isNull();
        assertThat(processor.process(TestMedia.mp3(100)).info().duration()).isCloseTo(100 * 417 * 8 / 128000.0, within(1e-6));
        assertThat(processor.process(TestMedia.ogg()).info().duration()).isCloseTo(2.0, within(1e-9));
        MediaProcessor.Processed mp4 = processor.process(TestMedia.mp4(50));
        assertThat(mp4.type()).isEqualTo(MediaType.VIDEO);
        assertThat(mp4.info().width()).isEqualTo(640);
        assertThat(mp4.info().height()).isEqualTo(360);
        assertThat(mp4.info().duration()).isCloseTo(2.0, within(1e-9));
        assertThat(mp4.info().frameRate()).isCloseTo(25.0, within(1e-9));
        MediaInfo webm = processor.process(TestMedia.webm()).info();
        assertThat(webm).isEqualTo(new MediaInfo(320, 240, 2.5, 1e9 / 33_333_333));
    }

    @Test
    void webpIsDecodedForItsPreview() {
        // A lossless 6x4 red WebP (36 bytes).
        byte[] webp = java.util.Base64.getDecoder().decode("UklGRhwAAABXRUJQVlA4TA8AAAAvBcAAAAcQ9Y/+ByKi/wEA");
        MediaProcessor.Processed p = processor.process(webp);
        assertThat(p.format()).isEqualTo(MediaFormat.WEBP);
        assertThat(p.info()).isEqualTo(MediaInfo.image(6, 4));
        assertThat(p.preview().width()).isEqualTo(6);
        assertThat(p.blurhash()).isNotNull();
    }

    @Test
    void blurHashOfAPlainColourCarriesThatColour() {
        BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) for (int x = 0; x < 16; x++) grey.setRGB(x, y, 0x808080);
        // Size flag (4-1)+(3-1)*9 = 21 is "L"; the average colour 0x808080 in four base-83 digits is "Eyb[".
        String hash = BlurHash.encode(grey, 4, 3);
        assertThat(hash).hasSize(6 + 2 * 11);
        assertThat(hash.charAt(0)).isEqualTo('L');
        assertThat(hash.substring(2, 6)).isEqualTo("Eyb[");
    }
}
