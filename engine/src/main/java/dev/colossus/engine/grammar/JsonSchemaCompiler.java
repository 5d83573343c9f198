package dev.colossus.engine.grammar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles a JSON schema (a parsed JSON tree) into grammar rules; see {@link Grammar#jsonSchema}. */
final class JsonSchemaCompiler {
    /** Keywords that constrain values in ways this compiler cannot enforce: refused rather than ignored. */
    private static final Set<String> UNSUPPORTED = Set.of("pattern", "format", "allOf", "not", "if", "then", "else",
            "patternProperties", "uniqueItems", "multipleOf", "prefixItems", "contains", "minContains",
            "maxContains", "minProperties", "maxProperties", "dependentRequired", "dependentSchemas",
            "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentEncoding", "contentMediaType",
            "additionalItems", "dependencies", "$dynamicRef", "$recursiveRef");
    private static final int MAX_INTEGER_DIGITS = 15;
    private static final List<String> BOUNDS = List.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum");

    private final Map<?, ?> rootSchema;
    private final Map<String, Node> refs = new HashMap<>();

    JsonSchemaCompiler(Object root) {
        this.rootSchema = root instanceof Map<?, ?> m ? m : Map.of();
    }

    Node compile(Object schema) {
        if (Boolean.TRUE.equals(schema)) return anyValue();
        if (!(schema instanceof Map<?, ?> s)) {
            throw new UnsupportedSchemaException("schema", "a schema must be an object or true, got " + schema);
        }
        for (Object key : s.keySet()) {
            if (UNSUPPORTED.contains(key)) {
                throw new UnsupportedSchemaException((String) key, "JSON schema keyword '" + key
                        + "' is not supported in constrained decoding");
            }
        }
        if (s.get("$ref") instanceof String ref) return reference(ref);
        if (s.containsKey("const")) return Terminal.Literal.of(Json.write(s.get("const")));
        if (s.get("enum") instanceof List<?> values) {
            if (values.isEmpty()) throw new UnsupportedSchemaException("enum", "'enum' must not be empty");
            return new Node.Alt(values.stream().map(v -> (Node) Terminal.Literal.of(Json.write(v))).toList());
        }
        for (String key : List.of("anyOf", "oneOf")) {
            if (s.get(key) instanceof List<?> options) {
                if (options.isEmpty()) throw new UnsupportedSchemaException(key, "'" + key + "' must not be empty");
                return new Node.Alt(options.stream().map(this::compile).toList());
            }
        }
        Object type = s.get("type");
        if (type instanceof List<?> types) {
            return new Node.Alt(types.stream().map(t -> typed(String.valueOf(t), s)).toList());
        }
        if (type instanceof String t) return typed(t, s);
        if (type != null) throw new UnsupportedSchemaException("type", "'type' must be a string or a list");
        if (s.containsKey("properties")) return typed("object", s);
        if (s.containsKey("items")) return typed("array", s);
        return anyValue();
    }

    private Node typed(String type, Map<?, ?> s) {
        return switch (type) {
            case "null" -> Terminal.Literal.of("null");
            case "boolean" -> new Node.Alt(List.of(Terminal.Literal.of("true"), Terminal.Literal.of("false")));
            case "integer" -> integer(s, false);
            case "number" -> BOUNDS.stream().anyMatch(s::containsKey) ? integer(s, true) : number();
            case "string" -> Terminal.JsonString.of(count(s, "minLength", 0), count(s, "maxLength", Integer.MAX_VALUE));
            case "array" -> array(s);
            case "object" -> object(s);
            default -> throw new UnsupportedSchemaException("type", "unknown type '" + type + "'");
        };
    }

    private Node integer(Map<?, ?> s, boolean fromNumber) {
        BigDecimal limit = BigDecimal.TEN.pow(MAX_INTEGER_DIGITS);
        BigDecimal min = limit.negate(), max = limit;
        if (s.get("minimum") instanceof Number n) min = min.max(new BigDecimal(n.toString()).setScale(0, RoundingMode.CEILING));
        if (s.get("maximum") instanceof Number n) max = max.min(new BigDecimal(n.toString()).setScale(0, RoundingMode.FLOOR));
        if (s.get("exclusiveMinimum") instanceof Number n) {
            min = min.max(new BigDecimal(n.toString()).setScale(0, RoundingMode.FLOOR).add(BigDecimal.ONE));
        }
        if (s.get("exclusiveMaximum") instanceof Number n) {
            max = max.min(new BigDecimal(n.toString()).setScale(0, RoundingMode.CEILING).subtract(BigDecimal.ONE));
        }
        if (min.compareTo(max) > 0) {
            throw new UnsupportedSchemaException(fromNumber ? "minimum" : "maximum",
                    "no " + (fromNumber ? "integral number" : "integer") + " lies between the schema's bounds");
        }
        return Terminal.IntRange.of(min.longValueExact(), max.longValueExact());
    }

    private static int count(Map<?, ?> s, String key, int fallback) {
        Object v = s.get(key);
        if (v == null) return fallback;
        if (!(v instanceof Number n) || n.longValue() < 0) {
            throw new UnsupportedSchemaException(key, "'" + key + "' must be a non-negative integer");
        }
        return (int) Math.min(Integer.MAX_VALUE, n.longValue());
    }

    private Node array(Map<?, ?> s) {
        Node item = s.containsKey("items") ? compile(s.get("items")) : anyValue();
        int min = count(s, "minItems", 0), max = count(s, "maxItems", Integer.MAX_VALUE);
        if (min > max) throw new UnsupportedSchemaException("minItems", "'minItems' is larger than 'maxItems'");
        if (max == 0) return Terminal.Literal.of("[]");
        Node rest = new Node.Repeat(seq(Terminal.Literal.of(","), item), Math.max(0, min - 1),
                max == Integer.MAX_VALUE ? -1 : max - 1);
        Node items = seq(item, rest);
        return seq(Terminal.Literal.of("["), min == 0 ? optional(items) : items, Terminal.Literal.of("]"));
    }

    private Node object(Map<?, ?> s) {
        Map<?, ?> properties = s.get("properties") instanceof Map<?, ?> p ? p : Map.of();
        Object additional = s.get("additionalProperties");
        if (properties.isEmpty() && !Boolean.FALSE.equals(additional)) {
            return map(additional == null || Boolean.TRUE.equals(additional) ? anyValue() : compile(additional));
        }
        Set<?> required = s.get("required") instanceof List<?> r ? Set.copyOf(r) : Set.of();
        for (Object name : required) {
            if (!properties.containsKey(name)) {
                throw new UnsupportedSchemaException("required", "required property '" + name
                        + "' is not among 'properties'");
            }
        }
        List<Node> members = new ArrayList<>();
        List<Boolean> mandatory = new ArrayList<>();
        for (Map.Entry<?, ?> e : properties.entrySet()) {
            members.add(seq(Terminal.Literal.of(Json.write(String.valueOf(e.getKey())) + ":"), compile(e.getValue())));
            mandatory.add(required.contains(e.getKey()));
        }
        Node[][] after = new Node[members.size() + 1][2];
        return seq(Terminal.Literal.of("{"), membersFrom(0, true, members, mandatory, after), Terminal.Literal.of("}"));
    }

    /** The members from index {@code i} on, in order, each optional one present or not. */
    private static Node membersFrom(int i, boolean first, List<Node> members, List<Boolean> mandatory, Node[][] memo) {
        Node cached = memo[i][first ? 1 : 0];
        if (cached != null) return cached;
        List<Node> options = new ArrayList<>();
        for (int j = i; j < members.size(); j++) {
            Node member = first ? members.get(j) : seq(Terminal.Literal.of(","), members.get(j));
            options.add(seq(member, membersFrom(j + 1, false, members, mandatory, memo)));
            if (mandatory.get(j)) break;
        }
        if (!mandatory.subList(i, members.size()).contains(true)) options.add(new Node.Seq(List.of()));
        Node node = new Node.Alt(options);
        memo[i][first ? 1 : 0] = node;
        return node;
    }

    private Node reference(String ref) {
        String name;
        Object defs;
        if (ref.startsWith("#/$defs/")) {
            name = ref.substring(8);
            defs = rootSchema.get("$defs");
        } else if (ref.startsWith("#/definitions/")) {
            name = ref.substring(14);
            defs = rootSchema.get("definitions");
        } else if (ref.equals("#")) {
            return refs.computeIfAbsent(ref, k -> new Node.Ref(() -> compile(rootSchema)));
        } else {
            throw new UnsupportedSchemaException("$ref", "'$ref' must point into '#/$defs/' or '#/definitions/', got '"
                    + ref + "'");
        }
        if (!(defs instanceof Map<?, ?> d) || !d.containsKey(name)) {
            throw new UnsupportedSchemaException("$ref", "'$ref' '" + ref + "' points to no definition");
        }
        return refs.computeIfAbsent(ref, k -> new Node.Ref(() -> compile(d.get(name))));
    }

    private static Node seq(Node... items) {
        return new Node.Seq(List.of(items));
    }

    private static Node optional(Node node) {
        return new Node.Repeat(node, 0, 1);
    }

    /** A JSON number: at most 15 integer digits, 15 fraction digits and a 3-digit exponent. */
    private static Node number() {
        Terminal digit = Terminal.ByteSet.range('0', '9');
        Node integer = new Node.Alt(List.of(Terminal.Literal.of("0"),
                seq(Terminal.ByteSet.range('1', '9'), new Node.Repeat(digit, 0, MAX_INTEGER_DIGITS - 1))));
        Node fraction = seq(Terminal.Literal.of("."), new Node.Repeat(digit, 1, 15));
        Node exponent = seq(Terminal.ByteSet.of("eE"), optional(Terminal.ByteSet.of("+-")), new Node.Repeat(digit, 1, 3));
        return seq(optional(Terminal.Literal.of("-")), integer, optional(fraction), optional(exponent));
    }

    private static Node map(Node value) {
        Node member = seq(Terminal.JsonString.of(0, Integer.MAX_VALUE), Terminal.Literal.of(":"), value);
        Node members = seq(member, new Node.Repeat(seq(Terminal.Literal.of(","), member), 0, -1));
        return seq(Terminal.Literal.of("{"), optional(members), Terminal.Literal.of("}"));
    }

    private static final Node ANY_VALUE;
    private static final Node ANY_OBJECT;

    static {
        Node.Ref value = new Node.Ref(() -> anyValueNow());
        ANY_VALUE = value;
        ANY_OBJECT = map(value);
    }

    private static Node anyValueNow() {
        Node items = seq(ANY_VALUE, new Node.Repeat(seq(Terminal.Literal.of(","), ANY_VALUE), 0, -1));
        Node array = seq(Terminal.Literal.of("["), optional(items), Terminal.Literal.of("]"));
        return new Node.Alt(List.of(ANY_OBJECT, array, Terminal.JsonString.of(0, Integer.MAX_VALUE), number(),
                Terminal.Literal.of("true"), Terminal.Literal.of("false"), Terminal.Literal.of("null")));
    }

    static Node anyValue() {
        return ANY_VALUE;
    }

    static Node anyObject() {
        return ANY_OBJECT;
    }
}
