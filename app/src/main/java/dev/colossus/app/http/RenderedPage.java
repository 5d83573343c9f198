package dev.colossus.app.http;

import io.javalin.http.Context;

/**
 * A page of a timeline as sent: the JSON body and its {@code Link} header (null for an empty page).
 *
 * @param body the JSON array, serialised
 * @param link the {@code Link} header, or null
 */
record RenderedPage(byte[] body, String link) {

    void send(Context ctx) {
        if (link != null) ctx.header("Link", link);
        Http.jsonBytes(ctx, 200, body);
    }
}
