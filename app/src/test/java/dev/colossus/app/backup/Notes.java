package dev.colossus.app.backup;

import java.util.ArrayList;
import java.util.List;

/** A {@link Progress} that keeps the notes and ignores the byte counts. */
public final class Notes implements Progress {

    /** The notes, in order. */
    public final List<String> lines = new ArrayList<>();

    @Override
    public void note(String line) {
        lines.add(line);
    }

    @Override
    public void total(long bytes) {
    }

    @Override
    public void progress(long bytes) {
    }
}
