package dev.colossus.assistant.grounding;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionTermsTest {

    @Test
    void questionWordsGoAndContentWordsStay() {
        assertThat(QuestionTerms.of("What are people saying about the rocket launch?")).isEqualTo("rocket launch");
        assertThat(QuestionTerms.of("What is happening in people's gardens?")).isEqualTo("gardens garden");
        assertThat(QuestionTerms.of("Summarise #launch from @alice")).isEqualTo("#launch @alice");
        assertThat(QuestionTerms.of("Any stories about puppies?")).isEqualTo("stories story puppies puppy");
    }

    @Test
    void aQuestionOfOnlyCommonWordsIsSearchedAsIs() {
        assertThat(QuestionTerms.of("What is this?")).isEqualTo("What is this?");
    }
}
