package dev.colossus.social.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PostTextTest {

    @Test
    void mentionsNeedAStartOfWordAndSkipRemoteAccounts() {
        assertThat(PostText.mentions("@Ann hi (@bob) mail a@b.c, @@x, /@y, \\@z, @carl@remote.org, é@dan"))
                .containsExactly("ann", "bob");
    }

    @Test
    void hashtagsNeedAStartOfWordAndALetter() {
        assertThat(PostText.hashtags("#Launch (#Día) x#y &#39; )#a ##b #123 #a1 /#c #_e_"))
                .containsExactly("launch", "día", "a1", "_e_");
    }

    @Test
    void lengthCountsLinksAsTwentyThreeCharactersAndEverythingElseByCodePoint() {
        assertThat(PostText.length("héllo 🎉")).isEqualTo(7);
        assertThat(PostText.length("see https://example.org/a/very/long/path/indeed ok")).isEqualTo(4 + 23 + 3);
    }
}
