package dev.colossus.social.search;

import java.util.Locale;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;

/** Turns records into Lucene documents and back into terms. */
final class Documents {

    private Documents() {
    }

    static Document post(IndexedPost p) {
        Document d = new Document();
        d.add(new StringField(Fields.KIND, Fields.KIND_POST, Field.Store.NO));
        d.add(new StringField(Fields.POST_ID, Long.toString(p.id()), Field.Store.NO));
        d.add(new NumericDocValuesField(Fields.POST_ID_DV, p.id()));
        d.add(new LongPoint(Fields.AUTHOR, p.authorId()));
        d.add(new TextField(Fields.TEXT, p.text(), Field.Store.NO));
        long created = p.createdAt().toEpochMilli();
        d.add(new LongPoint(Fields.CREATED, created));
        d.add(new NumericDocValuesField(Fields.CREATED, created));
        d.add(new NumericDocValuesField(Fields.LIKES, p.likes()));
        d.add(new NumericDocValuesField(Fields.REPOSTS, p.reposts()));
        d.add(new StringField(Fields.VISIBILITY, p.visibility().name(), Field.Store.NO));
        d.add(new StringField(Fields.REPLY, p.inReplyTo() > 0 ? "y" : "n", Field.Store.NO));
        p.tags().stream().map(Documents::normalizeTag).filter(t -> !t.isEmpty()).distinct()
                .forEach(t -> d.add(new StringField(Fields.TAG, t, Field.Store.NO)));
        return d;
    }

    static Document account(IndexedAccount a) {
        Document d = new Document();
        d.add(new StringField(Fields.KIND, Fields.KIND_ACCOUNT, Field.Store.NO));
        d.add(new StringField(Fields.ACCOUNT_ID, Long.toString(a.id()), Field.Store.NO));
        d.add(new NumericDocValuesField(Fields.ACCOUNT_ID_DV, a.id()));
        d.add(new StringField(Fields.USERNAME, a.username().toLowerCase(Locale.ROOT), Field.Store.NO));
        d.add(new StoredField(Fields.USERNAME_STORED, a.username()));
        d.add(new TextField(Fields.DISPLAY_NAME, a.displayName(), Field.Store.NO));
        d.add(new NumericDocValuesField(Fields.FOLLOWERS, a.followers()));
        return d;
    }

    static Term postTerm(long id) {
        return new Term(Fields.POST_ID, Long.toString(id));
    }

    static Term accountTerm(long id) {
        return new Term(Fields.ACCOUNT_ID, Long.toString(id));
    }

    /** Hashtags compare case-insensitively, without the leading {@code #}. */
    static String normalizeTag(String tag) {
        String t = tag.strip();
        while (t.startsWith("#")) t = t.substring(1);
        return t.toLowerCase(Locale.ROOT);
    }
}
