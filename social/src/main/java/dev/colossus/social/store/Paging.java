package dev.colossus.social.store;

import dev.colossus.social.Page;
import dev.colossus.social.PageRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Turns a {@link PageRequest} into SQL bounds on an id column and the rows back into a {@link Page}: with
 * {@code min_id} the rows right after it are read oldest-first and then reversed, as Mastodon does.
 */
public record Paging(String where, List<Object> params, String orderBy, PageRequest request) {

    /** Bounds on {@code column}: {@code where} starts with " AND" (or is empty), {@code orderBy} includes LIMIT. */
    public static Paging on(String column, PageRequest p) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (p.maxId() != null) {
            where.append(" AND ").append(column).append(" < ?");
            params.add(p.maxId());
        }
        if (p.sinceId() != null) {
            where.append(" AND ").append(column).append(" > ?");
            params.add(p.sinceId());
        }
        boolean ascending = p.minId() != null;
        if (ascending) {
            where.append(" AND ").append(column).append(" > ?");
            params.add(p.minId());
        }
        String order = " ORDER BY " + column + (ascending ? " ASC" : " DESC") + " LIMIT " + p.limit();
        return new Paging(where.toString(), params, order, p);
    }

    /** Orders rows newest first and builds the page; {@code cursor} gives each row's paging id. */
    public <T> Page<T> page(List<T> rows, ToLongFunction<T> cursor) {
        return Page.of(request, rows, cursor);
    }

    /** The parameters that come before the bounds followed by the bounds' own. */
    public Object[] withLeading(Object... leading) {
        Object[] out = new Object[leading.length + params.size()];
        System.arraycopy(leading, 0, out, 0, leading.length);
        for (int i = 0; i < params.size(); i++) out[leading.length + i] = params.get(i);
        return out;
    }
}
