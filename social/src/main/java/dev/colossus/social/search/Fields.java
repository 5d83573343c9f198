package dev.colossus.social.search;

/** Field names of the index; one index holds both post and account documents, told apart by {@link #KIND}. */
final class Fields {
    static final String KIND = "kind";
    static final String KIND_POST = "post";
    static final String KIND_ACCOUNT = "account";

    static final String POST_ID = "pid";          // string term: updates and deletes
    static final String POST_ID_DV = "pid_dv";    // doc values: reading hits
    static final String AUTHOR = "author";        // LongPoint
    static final String TEXT = "text";
    static final String CREATED = "created";      // LongPoint + NumericDocValues, epoch millis
    static final String LIKES = "likes";          // NumericDocValues, updated in place
    static final String REPOSTS = "reposts";      // NumericDocValues, updated in place
    static final String VISIBILITY = "vis";
    static final String REPLY = "reply";          // "y" or "n"
    static final String TAG = "tag";

    static final String ACCOUNT_ID = "aid";
    static final String ACCOUNT_ID_DV = "aid_dv";
    static final String USERNAME = "user";        // lower-case string term
    static final String USERNAME_STORED = "user_s";
    static final String DISPLAY_NAME = "name";
    static final String FOLLOWERS = "followers";

    private Fields() {
    }
}
