package dev.colossus.engine;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingTextTest {

    @Test
    void multiByteCharactersSplitAcrossTokensAreHeldUntilComplete() {
        Utf8Accumulator utf8 = new Utf8Accumulator();
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8); // 3 bytes
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8); // 4 bytes
        assertThat(utf8.append(new byte[]{'a', euro[0]})).isEqualTo("a");
        assertThat(utf8.append(new byte[]{euro[1]})).isEmpty();
        assertThat(utf8.append(new byte[]{euro[2], emoji[0], emoji[1]})).isEqualTo("€");
        assertThat(utf8.append(new byte[]{emoji[2], emoji[3], 'b'})).isEqualTo("😀b");
        assertThat(utf8.flush()).isEmpty();
    }

    @Test
    void aDanglingOrInvalidByteBecomesAReplacementCharacter() {
        Utf8Accumulator utf8 = new Utf8Accumulator();
        assertThat(utf8.append(new byte[]{(byte) 0xff, 'x'})).isEqualTo("\uFFFDx");
        assertThat(utf8.append(new byte[]{(byte) 0xe2, (byte) 0x82})).isEmpty();
        assertThat(utf8.flush()).isEqualTo("\uFFFD");
    }

    @Test
    void textThatMayStartAStopStringIsHeldBackAndTheStopStringNeverEmitted() {
        StopStrings stops = new StopStrings(List.of("</end>", "STOP"));
        assertThat(stops.append("Hello </e")).isEqualTo("Hello ");
        assertThat(stops.append("x> and ST")).isEqualTo("</ex> and ");
        assertThat(stops.append("OP here")).isEmpty();
        assertThat(stops.stopped()).isTrue();
        assertThat(stops.append("more")).isEmpty();
        assertThat(stops.flush()).isEmpty();
    }

    @Test
    void heldBackTextIsReleasedAtTheEnd() {
        StopStrings stops = new StopStrings(List.of("STOP"));
        assertThat(stops.append("a ST")).isEqualTo("a ");
        assertThat(stops.stopped()).isFalse();
        assertThat(stops.flush()).isEqualTo("ST");
    }
}
