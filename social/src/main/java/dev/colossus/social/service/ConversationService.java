package dev.colossus.social.service;

import dev.colossus.social.Conversation;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Post;
import dev.colossus.social.SocialException;
import dev.colossus.social.Visibility;
import dev.colossus.social.store.ConversationRows;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.stream.EventBus;
import dev.colossus.social.stream.SocialEvent;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Direct conversations, as Mastodon keeps them, fed by the network's bus: each new direct post joins its parent's
 * conversation when it replies to a direct post (else starts one) and becomes the last post of the view of every
 * participant (its author and the accounts it mentions), unread for all but the author. Each view is stored on the
 * thread that published the post, right after the post's own transaction, and then published as a
 * {@link SocialEvent.ConversationUpdated} for the direct stream. A deleted post leaves its conversation (the views
 * fall back to the newest remaining post, or go). Thread-safe.
 */
public final class ConversationService {

    private final Database db;
    private final Snowflakes ids;
    private final EventBus bus;

    private ConversationService(Database db, Snowflakes ids, EventBus bus) {
        this.db = db;
        this.ids = ids;
        this.bus = bus;
    }

    /** Builds the service and subscribes it to {@code bus}; from then on, new direct posts join conversations. */
    public static ConversationService start(Database db, Snowflakes ids, EventBus bus) {
        ConversationService service = new ConversationService(db, ids, bus);
        bus.subscribe(service::onEvent);
        return service;
    }

    private void onEvent(SocialEvent event) {
        if (event instanceof SocialEvent.PostCreated(Post post) && post.reblog() == null
                && post.visibility() == Visibility.DIRECT) {
            file(post);
        }
    }

    private void file(Post post) {
        Set<Long> participants = new LinkedHashSet<>();
        participants.add(post.account().id());
        for (Post.Mention m : post.mentions()) participants.add(m.accountId());
        Map<Long, ConversationRows.Row> views = db.write(c -> {
            if (ConversationRows.conversationOf(c, post.id()).isPresent()) return Map.of(); // filed already
            long conversation = post.inReplyToId() == null ? post.id()
                    : ConversationRows.conversationOf(c, post.inReplyToId()).orElse(post.id());
            ConversationRows.link(c, post.id(), conversation);
            Map<Long, ConversationRows.Row> out = new HashMap<>();
            for (long account : participants) {
                List<Long> others = participants.stream().filter(p -> p != account).toList();
                long id = ConversationRows.deliver(c, ids.next(), account, conversation, others, post.id(),
                        account != post.account().id());
                out.put(account, ConversationRows.byId(c, account, id).orElseThrow());
            }
            return out;
        });
        for (Map.Entry<Long, ConversationRows.Row> view : views.entrySet()) {
            hydrate(view.getKey(), List.of(view.getValue())).forEach(conversation ->
                    bus.publish(new SocialEvent.ConversationUpdated(view.getKey(), conversation)));
        }
    }

    /**
     * A page of {@code accountId}'s conversations, the one with the newest post first, paged by the id of each
     * conversation's last post (the page's cursors), as Mastodon pages them.
     */
    public Page<Conversation> list(long accountId, PageRequest request) {
        List<ConversationRows.Row> rows = db.read(c -> ConversationRows.page(c, accountId, request));
        Page<ConversationRows.Row> page = Page.of(request, rows, ConversationRows.Row::lastPostId);
        return new Page<>(hydrate(accountId, page.items()), page.nextMaxId(), page.prevMinId());
    }

    /** Marks {@code accountId}'s conversation read; returns it. @throws SocialException.NotFound when it has none by that id */
    public Conversation read(long accountId, long id) {
        if (!db.write(c -> ConversationRows.markRead(c, accountId, id))) throw SocialException.notFound();
        ConversationRows.Row row = db.read(c -> ConversationRows.byId(c, accountId, id)).orElseThrow(SocialException::notFound);
        return hydrate(accountId, List.of(row)).stream().findFirst().orElseThrow(SocialException::notFound);
    }

    /**
     * Removes the conversation from {@code accountId}'s list (its posts stay; a new post in it brings it back).
     *
     * @throws SocialException.NotFound when it has none by that id
     */
    public void remove(long accountId, long id) {
        if (!db.write(c -> ConversationRows.delete(c, accountId, id))) throw SocialException.notFound();
    }

    /** The rows with their accounts and last posts as {@code viewer} sees them, in order; ones with a hidden post go. */
    private List<Conversation> hydrate(long viewer, List<ConversationRows.Row> rows) {
        if (rows.isEmpty()) return List.of();
        return db.read(c -> ConversationRows.hydrate(c, viewer, rows));
    }
}
