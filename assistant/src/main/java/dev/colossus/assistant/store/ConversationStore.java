package dev.colossus.assistant.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.colossus.assistant.conversation.Conversation;
import dev.colossus.assistant.conversation.StoredMessage;
import dev.colossus.assistant.grounding.Citation;
import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;

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
import java.util.function.LongSupplier;

/**
 * Conversations and their messages in the assistant's database (tables {@code assistant_conversations} and
 * {@code assistant_messages}). Every read and change names the owning account, so one account can never reach
 * another's conversation. Thread-safe.
 */
public final class ConversationStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
    };
    private static final String COLUMNS = "id, account_id, persona, title, created_at, updated_at";

    private final AssistantDatabase db;
    private final LongSupplier ids;
    private final Clock clock;

    /**
     * @param ids   makes the ids of new conversations and messages: increasing, so that pages by id run by time (the
     *              network's own ids, {@code Social::newId})
     * @param clock dates conversations and messages
     */
    public ConversationStore(AssistantDatabase db, LongSupplier ids, Clock clock) {
        this.db = db;
        this.ids = ids;
        this.clock = clock;
    }

    /** Starts an empty conversation for {@code accountId} in a persona. */
    public Conversation create(long accountId, String persona) {
        long now = clock.millis();
        Conversation c = new Conversation(ids.getAsLong(), accountId, persona, "", Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now));
        db.write(conn -> Statements.update(conn, "INSERT INTO assistant_conversations (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?)", c.id(), accountId, persona, "", now, now));
        return c;
    }

    /** The account's conversations, newest started first, paged by id as Mastodon pages. */
    public Page<Conversation> list(long accountId, PageRequest request) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM assistant_conversations WHERE account_id = ?");
        List<Object> params = new ArrayList<>(List.of(accountId));
        for (Long bound : new Long[]{request.sinceId(), request.minId()}) {
            if (bound == null) continue;
            sql.append(" AND id > ?");
            params.add(bound);
        }
        if (request.maxId() != null) {
            sql.append(" AND id < ?");
            params.add(request.maxId());
        }
        // With min_id the rows right after it are read oldest first; Page.of turns them newest first.
        sql.append(" ORDER BY id ").append(request.minId() != null ? "ASC" : "DESC").append(" LIMIT ").append(request.limit());
        List<Conversation> rows = db.read(conn -> conversations(conn, sql.toString(), params.toArray()));
        return Page.of(request, rows, Conversation::id);
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
            if (!Statements.exists(conn, "SELECT 1 FROM assistant_conversations WHERE id = ? AND account_id = ?", id, accountId)) {
                return false;
            }
            Statements.update(conn, "DELETE FROM assistant_messages WHERE conversation_id = ?", id);
            Statements.update(conn, "DELETE FROM assistant_conversations WHERE id = ?", id);
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
            int updated = Statements.update(conn, "UPDATE assistant_conversations SET persona = ?, updated_at = ?, "
                            + "title = CASE WHEN title = '' THEN ? ELSE title END WHERE id = ? AND account_id = ?",
                    persona, turn.answer().createdAt().toEpochMilli(), title, conversation.id(),
                    conversation.accountId());
            if (updated == 0) return false;
            for (StoredMessage m : List.of(turn.question(), turn.answer())) {
                Statements.update(conn, "INSERT INTO assistant_messages (id, conversation_id, role, content, citations, "
                                + "created_at) VALUES (?, ?, ?, ?, ?, ?)", m.id(), conversation.id(), m.role(),
                        m.content(), json(m.citations()), m.createdAt().toEpochMilli());
            }
            return true;
        });
    }

    /** A message with a new id and the current time, about to be stored by {@link #append}. */
    public StoredMessage newMessage(String role, String content, List<Citation> citations) {
        return new StoredMessage(ids.getAsLong(), role, content, citations, clock.instant());
    }

    private static List<Conversation> conversations(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = Statements.prepare(conn, sql, params)) {
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
