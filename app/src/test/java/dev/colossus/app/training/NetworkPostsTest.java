package dev.colossus.app.training;

import dev.colossus.app.Config;
import dev.colossus.app.UserError;
import dev.colossus.social.Account;
import dev.colossus.social.Social;
import dev.colossus.social.Storage;
import dev.colossus.social.Visibility;
import dev.colossus.social.service.PostService;
import dev.colossus.social.stream.EventBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NetworkPostsTest {

    @Test
    void everyPublicPostIsADocumentOldestFirstAndNothingElse(@TempDir Path dir) throws Exception {
        try (Social social = Social.open(Storage.sqlite(dir), new EventBus(), 500)) {
            Account ada = social.accounts().ensure("ada", null, false);
            for (int i = 0; i < 95; i++) {
                Visibility visibility = i % 10 == 9 ? Visibility.PRIVATE : Visibility.PUBLIC;
                social.posts().create(ada.id(), null,
                        new PostService.NewPost("post number " + i, null, visibility, null, false, null), null);
            }
        }
        NetworkPosts posts = new NetworkPosts(Config.fromEnvironment().withDataDir(dir));
        List<String> documents = new ArrayList<>();
        posts.forEach(documents::add);

        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 95; i++) if (i % 10 != 9) expected.add("post number " + i);
        assertThat(documents).isEqualTo(expected);
        assertThat(posts.description()).contains(dir.toString());
    }

    @Test
    void aDirectoryWithoutANetworkIsRefusedWithoutCreatingOne(@TempDir Path dir) {
        assertThatThrownBy(() -> new NetworkPosts(Config.fromEnvironment().withDataDir(dir)))
                .isInstanceOf(UserError.class).hasMessageContaining("no Colossus network in");
        assertThat(dir.resolve("colossus.db")).doesNotExist();
    }
}
