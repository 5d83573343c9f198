package dev.colossus.studio.svg;

import dev.colossus.studio.Size;
import dev.colossus.studio.SourceException;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SvgRendererTest {
    static final String NS = "xmlns='http://www.w3.org/2000/svg'";

    static BufferedImage png(String svg, Size size) throws SourceException, IOException {
        byte[] png = SvgRenderer.toPng(svg, size);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    static int[] rgba(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return new int[]{p >> 16 & 255, p >> 8 & 255, p & 255, p >>> 24};
    }

    @Test
    void aRedRectLandsWhereItIsDrawnAndTheRestIsTransparent() throws Exception {
        BufferedImage image = png("<svg " + NS + " width='100' height='80'>"
                + "<rect x='20' y='30' width='40' height='20' fill='red'/></svg>", null);
        assertThat(image.getWidth()).isEqualTo(100);
        assertThat(image.getHeight()).isEqualTo(80);
        assertThat(rgba(image, 21, 31)).containsExactly(255, 0, 0, 255);
        assertThat(rgba(image, 58, 48)).containsExactly(255, 0, 0, 255);
        assertThat(rgba(image, 18, 40)[3]).isZero();
        assertThat(rgba(image, 62, 40)[3]).isZero();
        assertThat(rgba(image, 40, 52)[3]).isZero();
    }

    @Test
    void aRequestedSizeScalesTheViewBoxToFit() throws Exception {
        BufferedImage image = png("<svg " + NS + " viewBox='0 0 100 100'>"
                + "<rect x='50' y='50' width='50' height='50' fill='#0000ff'/></svg>", new Size(300, 300));
        assertThat(image.getWidth()).isEqualTo(300);
        assertThat(rgba(image, 140, 140)[3]).isZero();
        assertThat(rgba(image, 160, 160)).containsExactly(0, 0, 255, 255);
        assertThat(rgba(image, 295, 295)).containsExactly(0, 0, 255, 255);
    }

    @Test
    void theSizeComesFromWidthHeightViewBoxOrTheDefault() throws Exception {
        assertThat(png("<svg " + NS + " viewBox='0 0 300 150'/>", null).getWidth()).isEqualTo(300);
        assertThat(png("<svg " + NS + " viewBox='0 0 300 150'/>", null).getHeight()).isEqualTo(150);
        BufferedImage halfGiven = png("<svg " + NS + " width='100' viewBox='0 0 300 150'/>", null);
        assertThat(halfGiven.getHeight()).isEqualTo(50);
        BufferedImage inches = png("<svg " + NS + " width='1in' height='0.5in'/>", null);
        assertThat(inches.getWidth()).isEqualTo(96);
        assertThat(inches.getHeight()).isEqualTo(48);
        BufferedImage none = png("<svg " + NS + " width='100%'><circle r='5'/></svg>", null);
        assertThat(none.getWidth()).isEqualTo(SvgScene.DEFAULT_SIDE);
        assertThat(none.getHeight()).isEqualTo(SvgScene.DEFAULT_SIDE);
    }

    @Test
    void aLinearGradientGoesFromItsFirstColourToItsLast() throws Exception {
        BufferedImage image = png("<svg " + NS + " width='200' height='20'><defs>"
                + "<linearGradient id='g'><stop offset='0' stop-color='red'/><stop offset='1' stop-color='blue'/>"
                + "</linearGradient></defs><rect width='200' height='20' fill='url(#g)'/></svg>", null);
        int[] left = rgba(image, 2, 10);
        int[] middle = rgba(image, 100, 10);
        int[] right = rgba(image, 197, 10);
        assertThat(left[0]).isGreaterThan(240);
        assertThat(left[2]).isLessThan(15);
        assertThat(right[2]).isGreaterThan(240);
        assertThat(right[0]).isLessThan(15);
        assertThat(middle[0]).isBetween(90, 170);
        assertThat(middle[2]).isBetween(90, 170);
    }

    @Test
    void textDrawsGlyphsInItsColour() throws Exception {
        BufferedImage image = png("<svg " + NS + " width='200' height='60'><rect width='200' height='60' fill='white'/>"
                + "<text x='10' y='45' font-family='sans-serif' font-size='40' fill='black'>Hello</text></svg>", null);
        int dark = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 200; x++) {
                if (rgba(image, x, y)[0] < 100) dark++;
            }
        }
        assertThat(dark).as("dark pixels of the glyphs").isBetween(300, 6000);
        assertThat(rgba(image, 190, 5)).containsExactly(255, 255, 255, 255);
    }

    @Test
    void anSvgWithoutTheNamespaceIsReadAsSvg() throws Exception {
        BufferedImage image = png("<svg width='10' height='10'><rect width='10' height='10' fill='lime'/></svg>", null);
        assertThat(rgba(image, 5, 5)).containsExactly(0, 255, 0, 255);
    }

    @Test
    void anUndeclaredXlinkPrefixIsDeclared() throws Exception {
        BufferedImage image = png("<svg width='10' height='10'><defs><rect id='r' width='10' height='10' fill='lime'/>"
                + "</defs><use xlink:href='#r'/></svg>", null);
        assertThat(rgba(image, 5, 5)).containsExactly(0, 255, 0, 255);
    }

    @Test
    void anEmbeddedPngDataUriIsDrawn() throws Exception {
        BufferedImage red = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 4; i++) red.setRGB(i % 2, i / 2, 0xff0000);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(red, "png", bytes);
        String uri = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
        BufferedImage image = png("<svg " + NS + " xmlns:xlink='http://www.w3.org/1999/xlink' width='20' height='20'>"
                + "<image width='20' height='20' xlink:href='" + uri + "'/></svg>", null);
        assertThat(rgba(image, 10, 10)).containsExactly(255, 0, 0, 255);
    }

    @Test
    void anEmbeddedImageClaimingAHugeSizeIsRemovedUnread() throws Exception {
        java.nio.ByteBuffer png = java.nio.ByteBuffer.allocate(8 + 25 + 12);
        png.put(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.putInt(13).put("IHDR".getBytes()).putInt(60_000).putInt(60_000).put(new byte[]{8, 2, 0, 0, 0});
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(png.array(), 12, 17);
        png.putInt((int) crc.getValue());
        png.putInt(0).put("IEND".getBytes()).putInt(0xae426082);
        String uri = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(png.array());
        BufferedImage image = png("<svg " + NS + " width='20' height='20'>"
                + "<image width='20' height='20' href='" + uri + "'/></svg>", null);
        assertThat(rgba(image, 10, 10)[3]).isZero();
    }

    @Test
    void scriptsEventHandlersAndForeignObjectsDoNotRender() throws Exception {
        BufferedImage image = png("<svg " + NS + " width='20' height='20' onload='alert(1)'>"
                + "<script>document.documentElement.setAttribute('width', '300')</script>"
                + "<rect width='20' height='20' fill='blue' onclick='alert(2)'/>"
                + "<foreignObject width='20' height='20'><div xmlns='http://www.w3.org/1999/xhtml' "
                + "style='background:red;width:20px;height:20px'>x</div></foreignObject></svg>", null);
        assertThat(image.getWidth()).isEqualTo(20);
        assertThat(rgba(image, 10, 10)).containsExactly(0, 0, 255, 255);
    }

    @Test
    void externalReferencesFetchNothingAndTheRestStillRenders() throws Exception {
        try (CountingServer server = new CountingServer()) {
            String u = server.url();
            BufferedImage image = png("<?xml-stylesheet href='" + u + "/s.css' type='text/css'?>"
                    + "<svg " + NS + " xmlns:xlink='http://www.w3.org/1999/xlink' width='40' height='40'>"
                    + "<style>@import url(" + u + "/i.css); rect { stroke: url(" + u + "/p.svg#a) }</style>"
                    + "<style>circle { fill: u\\72l(" + u + "/e.svg#a) }</style>"
                    + "<image width='40' height='40' xlink:href='" + u + "/a.png'/>"
                    + "<image width='40' height='40' href='" + u + "/b.svg'/>"
                    + "<use xlink:href='" + u + "/c.svg#a'/>"
                    + "<g xml:base='" + u + "/'><use href='#r'/></g>"
                    + "<rect id='r' width='40' height='40' fill='green' style='stroke:url(" + u + "/d.svg#a)'/>"
                    + "<rect width='10' height='10' fill='url(\"" + u + "/f.svg#a\")'/>"
                    + "<rect width='10' height='10' filter='url(" + u + "/g.svg#a)'/>"
                    + "<filter id='f'><feImage href='" + u + "/h.png'/></filter>"
                    + "<a href='" + u + "/link'><rect width='1' height='1' fill='green'/></a>"
                    + "<set attributeName='xlink:href' to='" + u + "/j.svg'/>"
                    + "</svg>", null);
            assertThat(rgba(image, 20, 20)).containsExactly(0, 128, 0, 255);
            assertThat(rgba(image, 5, 5)).as("the small rects lost their fill").containsExactly(0, 0, 0, 255);
            assertThat(server.requests()).isZero();
        }
    }

    @Test
    void fileReferencesAreRemoved() throws Exception {
        BufferedImage image = png("<svg " + NS + " width='20' height='10'><image width='10' height='10' "
                + "href='file:///etc/passwd'/><image width='10' height='10' href='data:image/svg+xml,%3Csvg/%3E'/>"
                + "<rect x='10' width='10' height='10' fill='url(file:///etc/hosts#a)'/></svg>", null);
        assertThat(rgba(image, 5, 5)[3]).as("the images are gone").isZero();
        assertThat(rgba(image, 15, 5)).as("the fill is dropped, leaving the default").containsExactly(0, 0, 0, 255);
    }

    @Test
    void anEntityBombFailsFastWithOneLine() {
        String bomb = """
                <?xml version="1.0"?>
                <!DOCTYPE svg [
                 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
                 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
                 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
                 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
                 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
                 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
                 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
                ]>
                <svg xmlns="http://www.w3.org/2000/svg"><text>&g;</text></svg>
                """;
        long start = System.nanoTime();
        assertThatThrownBy(() -> SvgRenderer.toPng(bomb, null))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("DOCTYPE is not allowed")
                .hasMessageNotContaining("\n");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }

    @Test
    void aHugeSizeIsRefusedBeforeAnyPixelIsAllocated() {
        assertThatThrownBy(() -> SvgRenderer.toPng("<svg " + NS + " width='100000' height='100000'/>", null))
                .isInstanceOf(SourceException.class)
                .hasMessage("the image would be 100000x100000 pixels; the limit is 4096x4096 and 16 megapixels");
        assertThatThrownBy(() -> SvgRenderer.toPng("<svg " + NS + "/>", new Size(100_000, 100_000)))
                .isInstanceOf(SourceException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> SvgRenderer.toPng("<svg " + NS + "/>", new Size(4096, 4096)))
                .as("within each side, over the pixel count").isInstanceOf(SourceException.class);
    }

    @Test
    void malformedXmlGivesItsLineInOneLine() {
        assertThatThrownBy(() -> SvgRenderer.toPng("<svg " + NS + ">\n<rect width='3'>\n</svg>", null))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("line 3, column ")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> SvgRenderer.toPng("<html/>", null))
                .isInstanceOf(SourceException.class).hasMessage("the root element is <html>, not <svg>");
        assertThatThrownBy(() -> SvgRenderer.toPng("<svg " + NS + " viewBox='0 0 zero 1'/>", null))
                .isInstanceOf(SourceException.class).hasMessageStartingWith("viewBox must be");
    }

    @Test
    void aUseBombIsRefused() {
        StringBuilder svg = new StringBuilder("<svg " + NS + "><rect id='l0' width='1' height='1'/>");
        for (int level = 1; level <= 9; level++) {
            svg.append("<g id='l").append(level).append("'>");
            for (int i = 0; i < 10; i++) svg.append("<use href='#l").append(level - 1).append("'/>");
            svg.append("</g>");
        }
        svg.append("</svg>");
        long start = System.nanoTime();
        assertThatThrownBy(() -> SvgRenderer.toPng(svg.toString(), null))
                .isInstanceOf(SourceException.class).hasMessageContaining("through <use>");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(1.0);
    }

    @Test
    void aSourceOverOneMebibyteIsRefused() {
        String big = "<svg " + NS + "><!--" + "x".repeat(1 << 20) + "--></svg>";
        assertThatThrownBy(() -> SvgRenderer.toPng(big, null))
                .isInstanceOf(SourceException.class).hasMessage("the SVG is over 1024 KiB");
    }
}
