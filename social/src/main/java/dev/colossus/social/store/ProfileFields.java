package dev.colossus.social.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.colossus.social.Account;

import java.util.ArrayList;
import java.util.List;

/** The {@code accounts.fields} column: a profile's fields as a JSON array of {@code [name, value]} pairs. */
final class ProfileFields {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProfileFields() {
    }

    static List<Account.Field> parse(String column) {
        if (column == null || column.isEmpty()) return List.of();
        try {
            List<Account.Field> out = new ArrayList<>();
            for (JsonNode pair : JSON.readTree(column)) out.add(new Account.Field(pair.path(0).asText(), pair.path(1).asText()));
            return out;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable profile fields in the database: " + e.getOriginalMessage(), e);
        }
    }

    static String format(List<Account.Field> fields) {
        ArrayNode array = JSON.createArrayNode();
        for (Account.Field f : fields) array.addArray().add(f.name()).add(f.value());
        return array.toString();
    }
}
