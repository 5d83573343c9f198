package dev.colossus.app;

import dev.colossus.assistant.mention.MentionResponder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AssistantConfigTest {

    @Test
    void mentionRepliesAreOnByDefaultAndTheirLimitComesFromTheEnvironment() {
        assertThat(AssistantConfig.defaults().mentions()).isEqualTo(MentionResponder.Settings.DEFAULT);
        MentionResponder.Settings s = AssistantConfig.fromEnvironment(Map.of("COLOSSUS_MENTION_LIMIT", "2",
                "COLOSSUS_MENTION_WINDOW_SECONDS", "3600")).mentions();
        assertThat(s.perAuthor()).isEqualTo(2);
        assertThat(s.window()).isEqualTo(Duration.ofHours(1));
        assertThat(AssistantConfig.fromEnvironment(Map.of("COLOSSUS_MENTIONS", "false")).mentions()).isNull();
    }

    @Test
    void badMentionSettingsAreOneLineErrorsNamingTheVariable() {
        assertThatThrownBy(() -> AssistantConfig.fromEnvironment(Map.of("COLOSSUS_MENTIONS", "maybe")))
                .isInstanceOf(UserError.class).hasMessage("COLOSSUS_MENTIONS must be true or false, got 'maybe'");
        assertThatThrownBy(() -> AssistantConfig.fromEnvironment(Map.of("COLOSSUS_MENTION_LIMIT", "lots")))
                .isInstanceOf(UserError.class).hasMessageContaining("COLOSSUS_MENTION_LIMIT");
        assertThatThrownBy(() -> AssistantConfig.fromEnvironment(Map.of("COLOSSUS_MENTION_WINDOW_SECONDS", "0")))
                .isInstanceOf(UserError.class).hasMessage("COLOSSUS_MENTION_WINDOW_SECONDS must be at least 1, got 0");
    }
}
