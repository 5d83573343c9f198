package dev.colossus.assistant.studio;

import dev.colossus.studio.SourceException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceExtractionTest {

    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\" height=\"4\"/></svg>";

    @Test
    void theBlockTaggedWithTheKindsLanguageWinsOverEarlierBlocks() throws SourceException {
        String answer = "First some notes:\n```\nnot this\n```\nThe picture:\n```svg\n" + SVG + "\n```\nEnjoy!";
        assertThat(SourceExtraction.extract(MediaKind.IMAGE, answer)).isEqualTo(SVG);
    }

    @Test
    void anUntaggedBlockCountsWhenItHoldsTheSource() throws SourceException {
        assertThat(SourceExtraction.extract(MediaKind.IMAGE, "```xml\n<?xml version=\"1.0\"?>\n" + SVG + "\n```"))
                .isEqualTo(SVG);
    }

    @Test
    void aRawAnswerGivesTheSvgElementWithoutTheChatAroundIt() throws SourceException {
        assertThat(SourceExtraction.extract(MediaKind.VIDEO, "Sure! " + SVG + " Hope you like it.")).isEqualTo(SVG);
    }

    @Test
    void aCutOffSvgIsReturnedSoThatTheRendererCanSayWhatIsWrong() throws SourceException {
        assertThat(SourceExtraction.extract(MediaKind.IMAGE, "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect"))
                .startsWith("<svg").endsWith("<rect");
    }

    @Test
    void abcStartsAtItsReferenceLine() throws SourceException {
        String abc = "X:1\nT:Walk\nK:G\nGABc|";
        assertThat(SourceExtraction.extract(MediaKind.MUSIC, "Here is a tune:\n\n" + abc)).isEqualTo(abc);
        assertThat(SourceExtraction.extract(MediaKind.MUSIC, "```abc\n" + abc + "\n```")).isEqualTo(abc);
    }

    @Test
    void anAnswerWithoutASourceSaysWhatWasExpected() {
        assertThatThrownBy(() -> SourceExtraction.extract(MediaKind.IMAGE, "I cannot draw, sorry."))
                .isInstanceOf(SourceException.class).hasMessageContaining("no SVG");
        assertThatThrownBy(() -> SourceExtraction.extract(MediaKind.MUSIC, "```svg\n" + SVG + "\n```"))
                .isInstanceOf(SourceException.class).hasMessageContaining("no ABC notation");
    }
}
