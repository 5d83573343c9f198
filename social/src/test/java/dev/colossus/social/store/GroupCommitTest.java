package dev.colossus.social.store;

import dev.colossus.social.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitTest {

    @TempDir
    Path dir;

    private static List<Long> tagIds(Database db) {
        return db.read(c -> Sql.longs(c, "SELECT id FROM tags ORDER BY id"));
    }

    @Test
    void concurrentWritesAllCommitAndAFailingOneRollsBackAlone() throws Exception {
        try (Database db = Database.sqlite(dir); ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Long>> results = new ArrayList<>();
            for (long i = 1; i <= 300; i++) {
                long id = i;
                results.add(pool.submit(() -> db.write(c -> {
                    Sql.update(c, "INSERT INTO tags (id, name, created_at) VALUES (?, ?, 0)", id, "t" + id);
                    if (id == 150) throw new IllegalArgumentException("no 150");
                    return id;
                })));
            }
            for (Future<Long> f : results) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("no 150");
                }
            }
            List<Long> stored = tagIds(db);
            assertThat(stored).hasSize(299).doesNotContain(150L).contains(1L, 149L, 151L, 300L);
        }
    }

    @Test
    void aConstraintViolationFailsOnlyItsOwnWrite() {
        try (Database db = Database.sqlite(dir)) {
            db.write(c -> Sql.update(c, "INSERT INTO tags (id, name, created_at) VALUES (1, 'a', 0)"));
            assertThatThrownBy(() -> db.write(c -> Sql.update(c, "INSERT INTO tags (id, name, created_at) VALUES (2, 'a', 0)")))
                    .isInstanceOf(StoreException.class);
            db.write(c -> Sql.update(c, "INSERT INTO tags (id, name, created_at) VALUES (3, 'b', 0)"));
            assertThat(tagIds(db)).containsExactly(1L, 3L);
        }
    }

    @Test
    void aWriteInsideAWriteFailsInsteadOfWaitingForever() {
        try (Database db = Database.sqlite(dir)) {
            assertThatThrownBy(() -> db.write(c -> db.write(c2 -> 1))).isInstanceOf(IllegalStateException.class);
            Database closed = Database.sqlite(dir.resolve("other"));
            closed.close();
            assertThatThrownBy(() -> closed.write(c -> 1)).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        }
    }
}
