package dev.colossus.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StopStringsTest {

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
