package dev.colossus.social.media;

import dev.colossus.social.SocialException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 30000x30000 PNG is refused from its header in a JVM with 48 MB of heap: decoding it would need over 100 MB even
 * at one bit a pixel, so passing proves nothing was decoded.
 */
class PixelLimitMemoryTest {

    /** Run in the small JVM: prints the refusal, or fails (OutOfMemoryError) when the image is decoded. */
    public static void main(String[] args) {
        byte[] huge = TestMedia.hugePng(30000, 30000);
        try {
            new MediaProcessor(MediaLimits.DEFAULT).process(huge);
            System.out.println("accepted");
        } catch (SocialException.Invalid e) {
            System.out.println("refused: " + e.getMessage());
        }
    }

    @Test
    void aHugePngHeaderIsRefusedWithoutDecodingInASmallHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx48m", "-cp", System.getProperty("java.class.path"),
                PixelLimitMemoryTest.class.getName()).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).startsWith("refused: ").contains("30000x30000");
    }
}
