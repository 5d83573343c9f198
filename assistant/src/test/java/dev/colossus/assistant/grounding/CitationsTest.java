package dev.colossus.assistant.grounding;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CitationsTest {

    private final List<SourcePost> sources = List.of(
            new SourcePost("11", "alice", "The launch is today", Instant.parse("2026-11-28T10:00:00Z"), 5, 0, "http://x/@alice/11"),
            new SourcePost("12", "bob", "Launch delayed by weather?", Instant.parse("2026-11-28T11:00:00Z"), 2, 1, "http://x/@bob/12"),
            new SourcePost("13", "cy", "Countdown paused", Instant.parse("2026-11-28T12:00:00Z"), 0, 0, "http://x/@cy/13"));

    @Test
    void anAnswerWithMarkersCitesThoseSourcesInOrderOfFirstCitationIgnoringInventedNumbers() {
        assertThat(Citations.extractOrGiven("Delayed [2], paused [3][2], see also [9].", sources))
                .extracting(Citation::number, Citation::postId).containsExactly(
                        tuple(2, "12"), tuple(3, "13"));
    }

    @Test
    void anAnswerWithoutMarkersCitesEverySourceItWasGivenNumberedFromOne() {
        assertThat(Citations.extractOrGiven("The launch was delayed by the weather.", sources))
                .extracting(Citation::number, Citation::url).containsExactly(
                        tuple(1, "http://x/@alice/11"),
                        tuple(2, "http://x/@bob/12"),
                        tuple(3, "http://x/@cy/13"));
        assertThat(Citations.extractOrGiven("Only invented markers [7].", sources)).hasSize(3);
        assertThat(Citations.extractOrGiven("Nothing to cite.", List.of())).isEmpty();
    }
}
