package dev.colossus.app.http;

import dev.colossus.assistant.grounding.Citation;

import java.util.LinkedHashMap;
import java.util.Map;

/** The one JSON shape of a cited post in the Colossus API: {@code {number, status_id, acct, url}}. */
final class CitationJson {
    private CitationJson() {
    }

    static Map<String, Object> of(Citation c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", c.number());
        m.put("status_id", c.postId());
        m.put("acct", c.handle());
        m.put("url", c.url());
        return m;
    }
}
