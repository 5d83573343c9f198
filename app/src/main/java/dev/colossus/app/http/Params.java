package dev.colossus.app.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's parameters from wherever a Mastodon client puts them: the query string, a form body
 * ({@code application/x-www-form-urlencoded}) or a JSON object body; body values win over query values. Arrays are
 * {@code name[]=a&name[]=b} in forms and queries, JSON arrays in JSON.
 */
public final class Params {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, List<String>> values;

    private Params(Map<String, List<String>> values) {
        this.values = values;
    }

    /** Reads the parameters once per request. @throws ApiError 400 for a malformed JSON body */
    public static Params of(Context ctx) {
        Params cached = ctx.attribute("colossus.params");
        if (cached != null) return cached;
        Map<String, List<String>> values = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> values.put(strip(k), new ArrayList<>(v)));
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            String body = ctx.body();
            if (!body.isBlank()) readJson(body, values);
        } else if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
            ctx.formParamMap().forEach((k, v) -> values.put(strip(k), new ArrayList<>(v)));
        }
        Params params = new Params(values);
        ctx.attribute("colossus.params", params);
        return params;
    }

    private static void readJson(String body, Map<String, List<String>> values) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw ApiError.badRequest("Invalid JSON in request body");
        }
        if (root == null || !root.isObject()) throw ApiError.badRequest("The request body must be a JSON object");
        for (var field : root.properties()) {
            JsonNode v = field.getValue();
            List<String> list = new ArrayList<>();
            if (v.isArray()) v.forEach(item -> list.add(item.isValueNode() ? item.asText() : item.toString()));
            else if (!v.isNull()) list.add(v.isValueNode() ? v.asText() : v.toString());
            values.put(strip(field.getKey()), list);
        }
    }

    private static String strip(String key) {
        return key.endsWith("[]") ? key.substring(0, key.length() - 2) : key;
    }

    /** The value, or null when absent. */
    public String string(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    /** Every value of an array parameter (empty when absent). */
    public List<String> list(String name) {
        return values.getOrDefault(name, List.of());
    }

    /**
     * The fields of object parameter {@code name} as parameters of their own: form or query fields
     * {@code name[field]} (arrays {@code name[field][]}) and the fields of a JSON body's nested object {@code name};
     * null when the request has none of them.
     *
     * @throws ApiError 400 when a JSON body's {@code name} is not an object
     */
    public Params nested(String name) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String prefix = name + "[";
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.endsWith("]")) fields.put(k.substring(prefix.length(), k.length() - 1), v);
        });
        String json = string(name);
        if (json != null) {
            if (!json.strip().startsWith("{")) throw ApiError.badRequest(name + " must be an object");
            readJson(json, fields);
        }
        return fields.isEmpty() && json == null ? null : new Params(fields);
    }

    /** Rails' truthiness: "true", "1", "on" are true; absent is {@code fallback}. */
    public boolean bool(String name, boolean fallback) {
        String v = string(name);
        if (v == null || v.isEmpty()) return fallback;
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1", "on", "t", "yes" -> true;
            default -> false;
        };
    }

    /** A non-negative id, null when absent. @throws ApiError 400 when not a number */
    public Long id(String name) {
        String v = string(name);
        if (v == null || v.isEmpty()) return null;
        return parseId(v, name);
    }

    public Integer integer(String name) {
        String v = string(name);
        if (v == null || v.isEmpty()) return null;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a number");
        }
    }

    /** Parses an id from a path or parameter. Ids that are not numbers cannot exist: 404 as Mastodon answers. */
    public static long parseId(String text, String name) {
        try {
            long v = Long.parseLong(text.trim());
            if (v < 0) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new ApiError(404, "Record not found");
        }
    }
}
