package dev.colossus.studio.video;

import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;
import dev.colossus.studio.svg.SvgScene;
import org.jcodec.api.FrameGrab;
import org.jcodec.common.io.ByteBufferSeekableByteChannel;
import org.jcodec.scale.AWTUtil;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VideoRendererTest {
    /** A 10x10 red square sliding from x=0 to x=100 over the first second on a 200x100 white field. */
    static final String SLIDING = "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='100'>"
            + "<rect width='200' height='100' fill='white'/>"
            + "<rect x='0' y='45' width='10' height='10' fill='red'>"
            + "<animate attributeName='x' from='0' to='100' dur='1s' fill='freeze'/></rect></svg>";

    static int[] rgb(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[]{p >> 16 & 255, p >> 8 & 255, p & 255};
    }

    static boolean red(BufferedImage image, int x, int y) {
        int[] c = rgb(image, x, y);
        return c[0] > 200 && c[1] < 60 && c[2] < 60;
    }

    /** The left edge of the red square on row 50, or -1. */
    static int redLeftEdge(BufferedImage image) {
        for (int x = 0; x < image.getWidth(); x++) {
            if (red(image, x, 50)) return x;
        }
        return -1;
    }

    static List<BufferedImage> gifFrames(byte[] gif, List<Integer> delays) throws Exception {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            List<BufferedImage> frames = new ArrayList<>();
            for (int i = 0; i < reader.getNumImages(true); i++) {
                frames.add(reader.read(i));
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
                delays.add(Integer.parseInt(control.getAttribute("delayTime")));
            }
            return frames;
        }
    }

    @Test
    void eachFrameShowsTheAnimationAtExactlyItsTime() throws Exception {
        List<Integer> delays = new ArrayList<>();
        List<BufferedImage> frames = gifFrames(VideoRenderer.render(SLIDING,
                new VideoSpec(1.5, 10, null, VideoFormat.GIF), ProgressListener.NONE), delays);
        assertThat(frames).hasSize(15);
        for (int i = 0; i < 15; i++) {
            int expected = Math.min(100, i * 10); // x = 100 * t, frozen at 100 after 1 s
            assertThat(redLeftEdge(frames.get(i))).as("frame %d at t=%.1f", i, i / 10.0).isEqualTo(expected);
        }
    }

    @Test
    void transformsMotionAndSetAreSeekedToo() throws Exception {
        String svg = "<svg xmlns='http://www.w3.org/2000/svg' width='200' height='200'>"
                + "<rect x='0' y='0' width='10' height='10' fill='red'>"
                + "<animateTransform attributeName='transform' type='translate' from='0 0' to='0 100' dur='2s'/></rect>"
                + "<rect x='0' y='150' width='10' height='10' fill='blue'>"
                + "<animateMotion path='M0,0 L100,0' dur='1s' fill='freeze'/></rect>"
                + "<rect x='150' y='0' width='10' height='10' fill='black'>"
                + "<set attributeName='fill' to='lime' begin='0.5s'/></rect></svg>";
        try (SvgScene scene = SvgScene.load(svg, null, s -> s, true)) {
            scene.seek(0.25);
            BufferedImage early = scene.paint(BufferedImage.TYPE_INT_RGB, java.awt.Color.WHITE);
            scene.seek(1.0);
            BufferedImage late = scene.paint(BufferedImage.TYPE_INT_RGB, java.awt.Color.WHITE);
            assertThat(red(early, 5, 12 + 5)).as("translated 12.5 down at 0.25 s").isTrue();
            assertThat(red(late, 5, 50 + 5)).as("translated 50 down at 1 s").isTrue();
            assertThat(rgb(early, 25 + 5, 155)).containsExactly(0, 0, 255);
            assertThat(rgb(late, 100 + 5, 155)).containsExactly(0, 0, 255);
            assertThat(rgb(early, 155, 5)).containsExactly(0, 0, 0);
            assertThat(rgb(late, 155, 5)).containsExactly(0, 255, 0);
        }
    }

    @Test
    void aGifLoopsWithDelaysThatAddUpToItsLength() throws Exception {
        byte[] gif = VideoRenderer.render(SLIDING, new VideoSpec(2, 24, new Size(100, 50), VideoFormat.GIF),
                ProgressListener.NONE);
        List<Integer> delays = new ArrayList<>();
        List<BufferedImage> frames = gifFrames(gif, delays);
        assertThat(frames).hasSize(48);
        assertThat(frames.getFirst().getWidth()).isEqualTo(100);
        assertThat(frames.getFirst().getHeight()).isEqualTo(50);
        assertThat(delays).allMatch(d -> d == 4 || d == 5);
        assertThat(delays.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(new String(gif, StandardCharsets.ISO_8859_1)).contains("NETSCAPE2.0");
    }

    @Test
    void anMp4DecodesToTheRightFramesWithTheSquareInPlace() throws Exception {
        AtomicInteger reported = new AtomicInteger();
        byte[] mp4 = VideoRenderer.render(SLIDING, new VideoSpec(1, 24, null, VideoFormat.MP4),
                (done, total) -> {
                    assertThat(total).isEqualTo(24);
                    assertThat(done).isEqualTo(reported.incrementAndGet());
                });
        assertThat(reported).hasValue(24);
        assertThat(new String(mp4, 4, 4, StandardCharsets.ISO_8859_1)).isEqualTo("ftyp");
        FrameGrab grab = FrameGrab.createFrameGrab(ByteBufferSeekableByteChannel.readFromByteBuffer(ByteBuffer.wrap(mp4)));
        List<BufferedImage> frames = new ArrayList<>();
        for (var p = grab.getNativeFrame(); p != null; p = grab.getNativeFrame()) frames.add(AWTUtil.toBufferedImage(p));
        assertThat(frames).hasSize(24);
        BufferedImage half = frames.get(12); // t = 0.5 s: the square spans x = 50..60
        assertThat(half.getWidth()).isEqualTo(200);
        assertThat(red(half, 55, 50)).isTrue();
        assertThat(red(half, 40, 50)).isFalse();
        assertThat(red(half, 70, 50)).isFalse();
        int[] field = rgb(half, 150, 20);
        assertThat(java.util.Arrays.stream(field).min().orElseThrow()).as("white field").isGreaterThan(230);
    }

    @Test
    void ffprobeReadsTheMp4sSizeRateAndFrames(@TempDir Path dir) throws Exception {
        requireTool("ffprobe");
        Path file = dir.resolve("clip.mp4");
        Files.write(file, VideoRenderer.render(SLIDING, new VideoSpec(2, 30, new Size(321, 161), VideoFormat.MP4),
                ProgressListener.NONE));
        Map<String, String> probe = ffprobe(file);
        assertThat(probe).containsEntry("codec_name", "h264").containsEntry("width", "320")
                .containsEntry("height", "160").containsEntry("r_frame_rate", "30/1")
                .containsEntry("nb_read_frames", "60");
        assertThat(Double.parseDouble(probe.get("duration"))).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.05));
    }

    @Test
    void limitsAreRefusedWithOneLine() {
        assertThatThrownBy(() -> new VideoSpec(61, 24, null, VideoFormat.MP4))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("seconds must be over 0 and at most 60, got 61.0");
        assertThatThrownBy(() -> new VideoSpec(5, 61, null, VideoFormat.MP4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fps must be 1 to 60");
        assertThatThrownBy(() -> new VideoSpec(5, 60, null, VideoFormat.GIF))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fps must be 1 to 50 for GIF");
        assertThatThrownBy(() -> VideoRenderer.render(
                "<svg xmlns='http://www.w3.org/2000/svg' width='100000' height='100000'/>",
                VideoSpec.defaults(VideoFormat.MP4), ProgressListener.NONE))
                .isInstanceOf(SourceException.class).hasMessageStartingWith("the video would be 100000x100000 pixels");
        assertThatThrownBy(() -> VideoRenderer.render(SLIDING, new VideoSpec(60, 60, new Size(1920, 1080),
                VideoFormat.MP4), ProgressListener.NONE))
                .isInstanceOf(SourceException.class).hasMessageContaining("over the limit of 2000 megapixels");
    }

    @Test
    void aHostileSourceFailsLikeAnImage() {
        assertThatThrownBy(() -> VideoRenderer.render("<!DOCTYPE svg [<!ENTITY a 'a'>]><svg/>",
                VideoSpec.defaults(VideoFormat.MP4), ProgressListener.NONE))
                .isInstanceOf(SourceException.class).hasMessageContaining("DOCTYPE is not allowed");
    }

    @Test
    void anInterruptStopsTheRender() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                VideoRenderer.render(SLIDING, new VideoSpec(60, 24, null, VideoFormat.MP4), (done, total) -> {
                    if (done == 3) Thread.currentThread().interrupt();
                });
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        worker.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(worker.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
    }

    static void requireTool(String tool) {
        boolean present;
        try {
            present = new ProcessBuilder(tool, "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (Exception e) {
            present = false;
        }
        if (!present && "true".equals(System.getenv("CI"))) throw new AssertionError(tool + " is missing (apt-get install ffmpeg)");
        Assumptions.assumeTrue(present, tool + " is not installed (apt-get install ffmpeg); skipping");
    }

    static Map<String, String> ffprobe(Path file) throws Exception {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,r_frame_rate,nb_read_frames,duration",
                "-of", "default=noprint_wrappers=1", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        Map<String, String> values = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
        return values;
    }
}
