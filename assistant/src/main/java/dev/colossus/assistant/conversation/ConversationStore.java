package dev.colossus.assistant.conversation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.assistant.grounding.Citation;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;
import dev.colossus.social.store.Database;
import dev.colossus.social.store.Paging;
import dev.colossus.social.store.Snowflakes;
import dev.colossus.social.store.Sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Conversations and their messages in the network's database (tables {@code assistant_conversations} and
 * {@code assistant_messages}). Every read and change names the owning account, so one account can never reach
 * another's conversation. Thread-safe.
 */
public final class ConversationStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, account_id, persona, title, created_at, updated_at";

    private final Database db;
    private final Snowflakes ids;
    private final Clock clock;

    public ConversationStore(Database db, Snowflakes ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /** Starts an empty conversation for {@code accountId} in a persona. */
    public Conversation create(long accountId, String persona) {
        long now = clock.millis();
        Conversation c = new Conversation(ids.next(), accountId, persona, "", Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now));
        db.write(conn -> Sql.update(conn, "INSERT INTO assistant_conversations (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?)", c.id(), accountId, persona, "", now, now));
        return c;
    }

    /** The account's conversations, newest started first, paged by id as Mastodon pages. */
    public Page<Conversation> list(long accountId, PageRequest request) {
        Paging paging = Paging.on("id", request);
        List<Conversation> rows = db.read(conn -> conversations(conn, "SELECT " + COLUMNS
                + " FROM assistant_conversations WHERE account_id = ?" + paging.where() + paging.orderBy(),
                paging.withLeading(accountId)));
        return paging.page(rows, Conversation::id);
    }

    /** The conversation when it exists and belongs to {@code accountId}. */
    public Optional<Conversation> find(long accountId, long id) {
        return db.read(conn -> conversations(conn, "SELECT " + COLUMNS
                + " FROM assistant_conversations WHERE id = ? AND account_id = ?", id, accountId)).stream().findFirst();
    }

    /** The newest {@code limit} messages of a conversation, oldest first. */
    public List<StoredMessage> messages(long conversationId, int limit) {
        List<StoredMessage> newest = db.read(conn -> {
            try (PreparedStatement ps = conn.prepareStatement("SELECT id, role, content, citations, created_at "
                    + "FROM assistant_messages WHERE conversation_id = ? ORDER BY id DESC LIMIT " + limit)) {
                ps.setLong(1, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<StoredMessage> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new StoredMessage(rs.getLong(1), rs.getString(2), rs.getString(3),
                                citations(rs.getString(4)), Instant.ofEpochMilli(rs.getLong(5))));
                    }
                    return out;
                }
            }
        });
        Collections.reverse(newest);
        return newest;
    }

    /** Deletes a conversation with its messages; false when it does not exist or belongs to someone else. */
    public boolean delete(long accountId, long id) {
        return db.write(conn -> {
            if (!Sql.exists(conn, "SELECT 1 FROM assistant_conversations WHERE id = ? AND account_id = ?", id, accountId)) {
                return false;
            }
            Sql.update(conn, "DELETE FROM assistant_messages WHERE conversation_id = ?", id);
            Sql.update(conn, "DELETE FROM assistant_conversations WHERE id = ?", id);
            return true;
        });
    }

    /** A question and its answer, ready to store; ids are assigned before they are stored. */
    public record Turn(StoredMessage question, StoredMessage answer) {
    }

    /**
     * Stores a turn in one transaction: the question, the answer with its citations, the persona it was answered in
     * and, for the first turn, the title. Returns false (storing nothing) when the conversation was deleted meanwhile.
     */
    public boolean append(Conversation conversation, String persona, String title, Turn turn) {
        return db.write(conn -> {
            int updated = Sql.update(conn, "UPDATE assistant_conversations SET persona = ?, updated_at = ?, "
                            + "title = CASE WHEN title = '' THEN ? ELSE title END WHERE id = ? AND account_id = ?",
                    persona, turn.answer().createdAt().toEpochMilli(), title, conversation.id(),
                    conversation.accountId());
            if (updated == 0) return false;
            for (StoredMessage m : List.of(turn.question(), turn.answer())) {
                Sql.update(conn, "INSERT INTO assistant_messages (id, conversation_id, role, content, citations, "
                                + "created_at) VALUES (?, ?, ?, ?, ?, ?)", m.id(), conversation.id(), m.role(),
                        m.content(), json(m.citations()), m.createdAt().toEpochMilli());
            }
            return true;
        });
    }

    /** A message id and time for a message about to be stored. */
    StoredMessage newMessage(String role, String content, List<Citation> citations) {
        return new StoredMessage(ids.next(), role, content, citations, clock.instant());
    }

    private static List<Conversation> conversations(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                List<Conversation> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Conversation(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), Instant.ofEpochMilli(rs.getLong(6))));
                }
                return out;
            }
        }
    }

    private static String json(List<Citation> citations) {
        try {
            return JSON.writeValueAsString(citations);
        } catch (JacksonException e) {
            throw new IllegalStateException("citations cannot be written as JSON", e);
        }
    }

    private static List<Citation> citations(String json) {
        try {
            return JSON.readValue(json, CITATIONS);
        } catch (JacksonException e) {
            throw new IllegalStateException("stored citations are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
