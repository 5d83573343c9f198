package dev.colossus.assistant.store;

import dev.colossus.assistant.conversation.Conversation;
import dev.colossus.assistant.conversation.StoredMessage;
import dev.colossus.social.PageRequest;
import dev.colossus.social.Social;
import dev.colossus.social.Storage;
import dev.colossus.social.store.PostgresSchema;
import dev.colossus.social.stream.EventBus;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database made by the versions before the assistant had its own store (its tables made by the network's
 * migrations V4 and V5, kept as test resources) keeps its conversations and mention log when opened by this one: on
 * SQLite they move into the assistant's own file, on PostgreSQL they stay where they are.
 */
class AssistantStoreUpgradeTest {

    private static final long ACCOUNT = 7;
    private static final long CONVERSATION = 1_000_000;
    private static final long ANSWERED_POST = 2_000_000;

    @TempDir
    Path dir;

    /** Migrates a database as the earlier versions did and stores a conversation and a mention there. */
    private static void makeEarlierDatabase(String url, String user, String password) throws SQLException {
        Flyway.configure().dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/before-own-store").target("5").load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO accounts (id, username, username_lower, display_name, note, bot, created_at, "
                    + "statuses_count, followers_count, following_count) VALUES (" + ACCOUNT
                    + ", 'ann', 'ann', 'Ann', '', 0, 0, 0, 0, 0)");
            st.executeUpdate("INSERT INTO assistant_conversations (id, account_id, persona, title, created_at, updated_at)"
                    + " VALUES (" + CONVERSATION + ", " + ACCOUNT + ", 'fun', 'about the launch', 10, 20)");
            st.executeUpdate("INSERT INTO assistant_messages (id, conversation_id, role, content, citations, created_at)"
                    + " VALUES (" + (CONVERSATION + 1) + ", " + CONVERSATION + ", 'user', 'what about the launch?', '[]', 10),"
                    + " (" + (CONVERSATION + 2) + ", " + CONVERSATION + ", 'assistant', 'It is today [1].',"
                    + " '[{\"number\":1,\"postId\":\"11\",\"handle\":\"alice\",\"url\":\"http://x/@alice/11\"}]', 20)");
            st.executeUpdate("INSERT INTO assistant_replies (status_id, author_id, outcome, reply_id, created_at)"
                    + " VALUES (" + ANSWERED_POST + ", " + ACCOUNT + ", 'replied', 5, 30)");
        }
    }

    /** Opens the network and the assistant's store as a server would, and checks the rows are all there. */
    private static void assertRowsKept(Storage storage) {
        for (int start = 0; start < 2; start++) { // the second start finds everything where the first left it
            try (Social social = Social.open(storage, new EventBus(), 500);
                 AssistantDatabase db = AssistantDatabase.open(storage)) {
                ConversationStore store = new ConversationStore(db, social::newId, Clock.systemUTC());
                Conversation earlier = store.find(ACCOUNT, CONVERSATION).orElseThrow();
                assertThat(earlier.title()).isEqualTo("about the launch");
                assertThat(earlier.persona()).isEqualTo("fun");
                List<StoredMessage> messages = store.messages(CONVERSATION, 10);
                assertThat(messages).extracting(StoredMessage::content)
                        .containsExactly("what about the launch?", "It is today [1].");
                assertThat(messages.getLast().citations().getFirst().url()).isEqualTo("http://x/@alice/11");
                MentionLog log = new MentionLog(db);
                assertThat(log.claim(ANSWERED_POST, ACCOUNT, 10, 0, 100, true)).isEqualTo(MentionLog.Claim.DONE);
                assertThat(log.unanswered(List.of(ANSWERED_POST, ANSWERED_POST + 1), 10)).containsExactly(ANSWERED_POST + 1);
                // The assistant's store works on: a new conversation joins the old one, once (nothing copied twice).
                if (start == 0) store.create(ACCOUNT, "regular");
                assertThat(store.list(ACCOUNT, PageRequest.first(20)).items()).hasSize(2)
                        .extracting(Conversation::id).endsWith(CONVERSATION);
            }
        }
    }

    private static List<String> tables(String url) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        return names;
    }

    @Test
    void anEarlierSqliteDataDirectoryKeepsItsConversationsAndMentionLogInTheAssistantsOwnFile() throws Exception {
        String network = "jdbc:sqlite:" + dir.resolve(Storage.SQLITE_FILE);
        makeEarlierDatabase(network, null, null);

        assertRowsKept(Storage.sqlite(dir));

        assertThat(tables(network)).doesNotContain("assistant_conversations", "assistant_messages", "assistant_replies");
        assertThat(tables("jdbc:sqlite:" + dir.resolve(AssistantDatabase.SQLITE_FILE)))
                .contains("assistant_conversations", "assistant_messages", "assistant_replies",
                        AssistantDatabase.HISTORY_TABLE);
    }

    @Test
    void anEarlierPostgresDatabaseKeepsItsConversationsAndMentionLogInPlace() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            makeEarlierDatabase(schema.url(), schema.user(), schema.password());
            assertRowsKept(new Storage(dir, schema.url(), schema.user(), schema.password()));
        }
    }
}
