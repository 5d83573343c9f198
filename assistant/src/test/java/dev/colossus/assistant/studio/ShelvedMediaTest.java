package dev.colossus.assistant.studio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShelvedMediaTest {

    @Test
    void picturesAreMarkdownImagesAndSoundsAreLinks() {
        assertThat(new ShelvedMedia(MediaKind.IMAGE, "1", "http://x/media/a.png", "image/png", "a cat").markdown())
                .isEqualTo("![a cat](http://x/media/a.png)");
        assertThat(new ShelvedMedia(MediaKind.MUSIC, "2", "http://x/media/b.wav", "audio/wav", "a waltz").markdown())
                .isEqualTo("[a waltz](http://x/media/b.wav)");
        assertThat(new ShelvedMedia(MediaKind.VIDEO, "3", "http://x/media/c.gif", "image/gif", "a ball").markdown())
                .startsWith("![a ball]");
    }

    @Test
    void theAltTextCannotBreakOutOfTheMarkdownAndAPathWithSpacesStaysOneLink() {
        String md = new ShelvedMedia(MediaKind.IMAGE, null, "/tmp/my pics/image-1.png", "image/png",
                "a [weird]\nprompt](javascript:x)").markdown();
        assertThat(md).isEqualTo("![a weird prompt(javascript:x)](/tmp/my%20pics/image-1.png)");
    }
}
