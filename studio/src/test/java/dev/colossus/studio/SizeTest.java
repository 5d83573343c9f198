package dev.colossus.studio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SizeTest {

    @Test
    void parsesWidthByHeightInTheUsualSpellings() {
        assertThat(Size.parse("640x480")).isEqualTo(new Size(640, 480));
        assertThat(Size.parse(" 640 X 480 ")).isEqualTo(new Size(640, 480));
        assertThat(Size.parse("640×480")).isEqualTo(new Size(640, 480));
        assertThat(Size.parse("640x480").toString()).isEqualTo("640x480");
    }

    @Test
    void refusesAnythingElseWithOneLine() {
        for (String bad : new String[]{"", "640", "640x", "x480", "-1x5", "1.5x2", "9999999999x1", "640,480"}) {
            assertThatThrownBy(() -> Size.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a size is WIDTHxHEIGHT in pixels, e.g. 640x480, got '" + bad + "'");
        }
        assertThatThrownBy(() -> Size.parse("0x5")).hasMessage("a size needs at least 1 pixel each way, got 0x5");
    }

    @Test
    void limitsNameTheSideAndPixelCaps() throws SourceException {
        assertThat(new Size(4096, 100).requireWithin(4096, 4096, 16_000_000, "the image")).isEqualTo(new Size(4096, 100));
        assertThatThrownBy(() -> new Size(4097, 1).requireWithin(4096, 4096, 16_000_000, "the image"))
                .hasMessage("the image would be 4097x1 pixels; the limit is 4096x4096 and 16 megapixels");
        assertThatThrownBy(() -> new Size(1920, 1920).requireWithin(1920, 1920, 1920L * 1080, "the video"))
                .hasMessage("the video would be 1920x1920 pixels; the limit is 1920x1920 and 2.0736 megapixels");
    }
}
