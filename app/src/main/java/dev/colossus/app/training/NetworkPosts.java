package dev.colossus.app.training;

import dev.colossus.app.Colossus;
import dev.colossus.app.Config;
import dev.colossus.app.UserError;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Social;
import dev.colossus.social.Post;
import dev.colossus.social.stream.EventBus;
import dev.colossus.train.data.TextSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The public posts of a Colossus network as training documents, oldest first, one document per post (its text, or
 * its content warning and text). Read through the public timeline, page by page, as any visitor sees it; nothing
 * is written. The database is the one the configuration names (SQLite in the data directory unless
 * {@code COLOSSUS_DB_URL} says otherwise).
 */
public final class NetworkPosts implements TextSource {

    private final Config config;

    /**
     * @throws UserError when the data directory holds no network (and no database URL is configured)
     */
    public NetworkPosts(Config config) {
        if (config.db().url() == null && !Files.isRegularFile(config.dataDir().resolve("colossus.db"))) {
            throw new UserError("no Colossus network in " + config.dataDir() + " (no colossus.db)");
        }
        this.config = config;
    }

    @Override
    public String description() {
        return "the public posts of " + (config.db().url() != null ? config.db().url() : config.dataDir());
    }

    @Override
    public void forEach(Consumer<String> document) {
        List<String> texts = new ArrayList<>();
        try (Social social = Social.open(Colossus.storage(config), new EventBus(), config.maxChars())) {
            Long maxId = null;
            while (true) {
                Page<Post> page = social.timelines().publicTimeline(null,
                        PageRequest.of(maxId, null, null, PageRequest.MAX_LIMIT));
                if (page.items().isEmpty()) break;
                for (Post s : page.items()) {
                    String text = s.spoilerText() == null || s.spoilerText().isBlank() ? s.text()
                            : s.spoilerText() + "\n\n" + s.text();
                    if (text != null && !text.isBlank()) texts.add(text);
                }
                maxId = page.nextMaxId();
            }
        }
        if (texts.isEmpty()) throw new UserError(description() + ": there are no public posts");
        Collections.reverse(texts);
        texts.forEach(document);
    }
}
