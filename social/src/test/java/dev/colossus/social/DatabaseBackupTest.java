package dev.colossus.social;

import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.media.MediaFiles;
import dev.colossus.social.media.MediaLimits;
import dev.colossus.social.media.MediaUpload;
import dev.colossus.social.media.TestMedia;
import dev.colossus.social.service.PostService;
import dev.colossus.social.stream.EventBus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Copies of a network's SQLite database taken while it is written, and the media files a copy references. */
class DatabaseBackupTest {

    @TempDir
    Path dir;

    private Social open(Path dataDir) {
        return Social.open(Storage.sqlite(dataDir), new EventBus(), Social.DEFAULT_MAX_CHARS,
                new MediaFiles(dataDir.resolve("media")), MediaLimits.DEFAULT, Clock.systemUTC());
    }

    private static Post post(Social social, Account author, String text, List<Long> media) {
        return social.posts().create(author.id(), null,
                new PostService.NewPost(text, null, null, null, false, null, media), null);
    }

    @Test
    void aCopyTakenWhileAnotherThreadPostsHoldsEveryPostCommittedBeforeIt() throws Exception {
        Path live = dir.resolve("live");
        Path copyDir = Files.createDirectories(dir.resolve("copy"));
        List<Long> before;
        try (Social social = open(live)) {
            Account ann = social.accounts().ensure("ann", null, false);
            ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; !stop.get(); i++) acknowledged.add(post(social, ann, "post " + i, null).id());
            });
            while (acknowledged.size() < 50) Thread.sleep(5);
            before = List.copyOf(acknowledged);
            DatabaseBackup.copySqlite(live.resolve(Storage.SQLITE_FILE), copyDir.resolve(Storage.SQLITE_FILE));
            stop.set(true);
            writer.join();
            assertThat(acknowledged.size()).isGreaterThan(before.size());
        }
        try (Social copy = open(copyDir)) {
            for (long id : before) assertThat(copy.posts().get(id, null).id()).isEqualTo(id);
        }
    }

    @Test
    void aCopyReferencesEveryAttachmentFileAndPreviewAndKnowsWhichAPostUses() {
        Path live = dir.resolve("live");
        MediaAttachment attached;
        MediaAttachment waiting;
        try (Social social = open(live)) {
            Account ann = social.accounts().ensure("ann", null, false);
            attached = social.media().upload(ann.id(), new MediaUpload(TestMedia.png(40, 30), "a flag", null));
            waiting = social.media().upload(ann.id(), new MediaUpload(TestMedia.wav(0.2), "a tone", null));
            post(social, ann, "", List.of(attached.id()));
            DatabaseBackup.copySqlite(live.resolve(Storage.SQLITE_FILE), dir.resolve("copy.db"));
        }
        assertThat(DatabaseBackup.mediaReferencedBy(dir.resolve("copy.db"))).containsExactly(
                new DatabaseBackup.MediaReference(attached.path(), true),
                new DatabaseBackup.MediaReference(attached.previewPath(), true),
                new DatabaseBackup.MediaReference(waiting.path(), false));
    }

    @Test
    void aMissingDatabaseIsRefusedAndNotCreated() {
        Path missing = dir.resolve("nothing.db");
        assertThatThrownBy(() -> DatabaseBackup.copySqlite(missing, dir.resolve("copy.db")))
                .hasMessageContaining("no SQLite database at");
        assertThat(missing).doesNotExist();
        assertThat(dir.resolve("copy.db")).doesNotExist();
    }
}
