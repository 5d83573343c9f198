package dev.colossus.app.backup;

import dev.colossus.social.Account;
import dev.colossus.social.Social;
import dev.colossus.social.Storage;
import dev.colossus.social.media.MediaAttachment;
import dev.colossus.social.media.MediaFiles;
import dev.colossus.social.media.MediaLimits;
import dev.colossus.social.media.MediaUpload;
import dev.colossus.social.media.TestMedia;
import dev.colossus.social.service.PostService;
import dev.colossus.social.stream.EventBus;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** A small network written into a data directory through the real store: one post with a picture, one without. */
public final class TestNetwork {

    private TestNetwork() {
    }

    /** The picture's attachment, for tests that look for its files. */
    public static MediaAttachment write(Path dataDir) {
        try (Social social = Social.open(Storage.sqlite(dataDir), new EventBus(), Social.DEFAULT_MAX_CHARS,
                new MediaFiles(dataDir.resolve("media")), MediaLimits.DEFAULT, Clock.systemUTC())) {
            Account ann = social.accounts().ensure("ann", null, false);
            MediaAttachment picture = social.media().upload(ann.id(), new MediaUpload(TestMedia.png(64, 48), "a flag", null));
            social.posts().create(ann.id(), null, new PostService.NewPost("a flag", null, null, null, false, null,
                    List.of(picture.id())), null);
            social.posts().create(ann.id(), null, new PostService.NewPost("no picture", null, null, null, false, null), null);
            return picture;
        }
    }
}
