package dev.colossus.engine.grammar;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each supported JSON-schema feature accepts the values it allows and refuses the others, byte by byte. */
class JsonSchemaGrammarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Grammar schema(String json) throws Exception {
        return Grammar.jsonSchema(JSON.readValue(json, Object.class));
    }

    @Test
    void jsonObjectAcceptsAnyCompactObjectAndNothingElse() {
        Grammar g = Grammar.jsonObject();
        assertThat(g.matches("{}")).isTrue();
        assertThat(g.matches("{\"a\":[1,-2.5e3,\"x\",null,true,{\"b\":false}]}")).isTrue();
        assertThat(g.matches("[]")).isFalse();
        assertThat(g.matches("{\"a\":01}")).isFalse();
        assertThat(g.matches("{\"a\":1")).isFalse();
        assertThat(g.start().advance("{\"a\":1".getBytes()).dead()).isFalse();
    }

    @Test
    void typesAndTypeListsMatchOnlyTheirValues() throws Exception {
        assertThat(schema("{\"type\":\"boolean\"}").matches("true")).isTrue();
        assertThat(schema("{\"type\":\"boolean\"}").matches("1")).isFalse();
        assertThat(schema("{\"type\":\"null\"}").matches("null")).isTrue();
        assertThat(schema("{\"type\":\"number\"}").matches("-0.5E+12")).isTrue();
        assertThat(schema("{\"type\":\"number\"}").matches("1.")).isFalse();
        assertThat(schema("{\"type\":\"integer\"}").matches("42")).isTrue();
        assertThat(schema("{\"type\":\"integer\"}").matches("4.2")).isFalse();
        Grammar nullable = schema("{\"type\":[\"string\",\"null\"]}");
        assertThat(nullable.matches("null")).isTrue();
        assertThat(nullable.matches("\"x\"")).isTrue();
        assertThat(nullable.matches("1")).isFalse();
    }

    @Test
    void enumAndConstMatchExactlyTheirValues() throws Exception {
        Grammar e = schema("{\"enum\":[\"red\",\"green\",3,null]}");
        assertThat(e.matches("\"red\"")).isTrue();
        assertThat(e.matches("3")).isTrue();
        assertThat(e.matches("null")).isTrue();
        assertThat(e.matches("\"blue\"")).isFalse();
        assertThat(e.matches("\"re\"")).isFalse();
        Grammar c = schema("{\"const\":{\"k\":[1,\"a\\\"b\"]}}");
        assertThat(c.matches("{\"k\":[1,\"a\\\"b\"]}")).isTrue();
        assertThat(c.matches("{\"k\":[1]}")).isFalse();
    }

    @Test
    void stringLengthBoundsCountCharactersAndEscapes() throws Exception {
        Grammar g = schema("{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}");
        assertThat(g.matches("\"ab\"")).isTrue();
        assertThat(g.matches("\"héé\"")).isTrue();
        assertThat(g.matches("\"a\\n\\u00e9\"")).isTrue();
        assertThat(g.matches("\"a\"")).isFalse();
        assertThat(g.matches("\"abcd\"")).isFalse();
        assertThat(g.matches("\"a\nb\"")).isFalse();
        assertThat(g.start().advance(new byte[]{'"', (byte) 0xff}).dead()).isTrue();
    }

    @Test
    void integerBoundsAreExactAndRefusePrefixesThatCannotReachThem() throws Exception {
        Grammar g = schema("{\"type\":\"integer\",\"minimum\":-5,\"maximum\":120}");
        for (String ok : new String[]{"-5", "0", "7", "99", "120"}) assertThat(g.matches(ok)).as(ok).isTrue();
        for (String bad : new String[]{"-6", "121", "200", "007", "-0", "1000"}) assertThat(g.matches(bad)).as(bad).isFalse();
        assertThat(g.start().advance("13".getBytes()).dead()).isFalse();
        assertThat(g.start().advance("130".getBytes()).dead()).as("130 can only grow further past 120").isTrue();
        assertThat(g.start().advance("-1".getBytes()).dead()).isFalse();
        Grammar exclusive = schema("{\"type\":\"integer\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":10}");
        assertThat(exclusive.matches("0")).isFalse();
        assertThat(exclusive.matches("1")).isTrue();
        assertThat(exclusive.matches("10")).isFalse();
        assertThat(exclusive.matches("9")).isTrue();
    }

    @Test
    void boundedNumbersAreGeneratedAsIntegersWithinTheBounds() throws Exception {
        Grammar g = schema("{\"type\":\"number\",\"minimum\":0.5,\"maximum\":3.7}");
        assertThat(g.matches("1")).isTrue();
        assertThat(g.matches("3")).isTrue();
        assertThat(g.matches("0")).isFalse();
        assertThat(g.matches("4")).isFalse();
    }

    @Test
    void objectsHaveTheirRequiredPropertiesInOrderAndNoOthers() throws Exception {
        Grammar g = schema("""
                {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},
                 "tags":{"type":"array","items":{"type":"string"}}},"required":["age"],"additionalProperties":false}""");
        assertThat(g.matches("{\"age\":3}")).isTrue();
        assertThat(g.matches("{\"name\":\"x\",\"age\":3}")).isTrue();
        assertThat(g.matches("{\"name\":\"x\",\"age\":3,\"tags\":[\"a\"]}")).isTrue();
        assertThat(g.matches("{\"age\":3,\"tags\":[]}")).isTrue();
        assertThat(g.matches("{\"name\":\"x\"}")).as("age is required").isFalse();
        assertThat(g.matches("{}")).isFalse();
        assertThat(g.matches("{\"age\":3,\"other\":1}")).isFalse();
        assertThat(g.matches("{\"age\":\"3\"}")).isFalse();
    }

    @Test
    void objectsWithOnlyAdditionalPropertiesAreMapsOfThatSchema() throws Exception {
        Grammar g = schema("{\"type\":\"object\",\"additionalProperties\":{\"type\":\"integer\"}}");
        assertThat(g.matches("{\"a\":1,\"b\":2}")).isTrue();
        assertThat(g.matches("{\"a\":\"1\"}")).isFalse();
    }

    @Test
    void arraysRespectItemsAndCountBounds() throws Exception {
        Grammar g = schema("{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":1,\"maxItems\":3}");
        assertThat(g.matches("[1]")).isTrue();
        assertThat(g.matches("[1,2,3]")).isTrue();
        assertThat(g.matches("[]")).isFalse();
        assertThat(g.matches("[1,2,3,4]")).isFalse();
        assertThat(g.matches("[1,\"2\"]")).isFalse();
        assertThat(schema("{\"type\":\"array\",\"maxItems\":0}").matches("[]")).isTrue();
    }

    @Test
    void anyOfOneOfAndRecursiveRefsToDefs() throws Exception {
        Grammar g = schema("""
                {"$defs":{"node":{"type":"object","properties":{"v":{"anyOf":[{"type":"integer"},{"type":"string"}]},
                 "next":{"oneOf":[{"$ref":"#/$defs/node"},{"type":"null"}]}},"required":["v","next"]}},
                 "$ref":"#/$defs/node"}""");
        assertThat(g.matches("{\"v\":1,\"next\":{\"v\":\"a\",\"next\":null}}")).isTrue();
        assertThat(g.matches("{\"v\":true,\"next\":null}")).isFalse();
        assertThat(g.matches("{\"v\":1,\"next\":{\"v\":2}}")).isFalse();
    }

    @Test
    void nestedObjectsAreConstrainedAtEveryLevel() throws Exception {
        Grammar g = schema("""
                {"type":"object","properties":{"p":{"type":"object","properties":{"x":{"type":"integer","maximum":9}},
                 "required":["x"]}},"required":["p"]}""");
        assertThat(g.matches("{\"p\":{\"x\":9}}")).isTrue();
        assertThat(g.matches("{\"p\":{\"x\":10}}")).isFalse();
        assertThat(g.matches("{\"p\":{}}")).isFalse();
    }

    @Test
    void unsupportedKeywordsAreRefusedByName() {
        for (String keyword : new String[]{"pattern", "format", "allOf", "uniqueItems", "multipleOf"}) {
            assertThatThrownBy(() -> schema("{\"type\":\"string\",\"" + keyword + "\":\"x\"}"))
                    .as(keyword)
                    .isInstanceOfSatisfying(UnsupportedSchemaException.class,
                            e -> assertThat(e.feature()).isEqualTo(keyword))
                    .hasMessageContaining("'" + keyword + "'");
        }
        assertThatThrownBy(() -> schema("{\"$ref\":\"#/$defs/missing\"}")).isInstanceOf(UnsupportedSchemaException.class)
                .hasMessageContaining("points to no definition");
        assertThatThrownBy(() -> schema("{\"type\":\"integer\",\"minimum\":5,\"maximum\":4}"))
                .isInstanceOf(UnsupportedSchemaException.class);
    }

    @Test
    void textWithoutAMarkerIsFreeUntilTheMarkerAndWhatFollowsItIsConstrained() throws Exception {
        Grammar call = Grammar.sequence(Grammar.literal("<tool_call>"),
                schema("{\"type\":\"integer\",\"minimum\":1,\"maximum\":7}"), Grammar.literal("</tool_call>"));
        Grammar g = Grammar.sequence(Grammar.textWithout("<tool_call>"), Grammar.optional(call));
        assertThat(g.matches("")).isTrue();
        assertThat(g.matches("Any text, even <tool or </tool_call>.")).isTrue();
        assertThat(g.matches("Sure. <tool_call>5</tool_call>")).isTrue();
        assertThat(g.matches("<tool<tool_call>5</tool_call>")).as("a marker overlapping a false start").isTrue();
        assertThat(g.matches("Sure. <tool_call>9</tool_call>")).as("arguments outside the schema").isFalse();
        assertThat(g.matches("<tool_call>5</tool_call> and more")).as("nothing after the call").isFalse();
        GrammarState started = g.start().advance("Sure. <tool_call>".getBytes());
        assertThat(started.accepting()).as("a started call must be finished").isFalse();
        assertThat(started.advance('x').dead()).isTrue();
        Grammar kmp = Grammar.textWithout("aab");
        assertThat(kmp.matches("aaab")).isFalse();
        assertThat(kmp.matches("abaa")).isTrue();
        assertThat(Grammar.textWithout("").matches("<tool_call> anything")).isTrue();
    }

    @Test
    void cappedRepetitionCountsMakeTheItemsOfALongArrayEqualButKeepShortCountsApart() throws Exception {
        Grammar g = schema("{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":1000}");
        GrammarState second = g.start().advance("[1,".getBytes()), third = g.start().advance("[1,2,".getBytes());
        assertThat(second).isNotEqualTo(third);
        assertThat(second.capped(8)).isEqualTo(third.capped(8));
        Grammar few = schema("{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":3}");
        assertThat(few.start().advance("[1,".getBytes()).capped(8))
                .as("one item left to write differs from none").isNotEqualTo(few.start().advance("[1,2,".getBytes()).capped(8));
        assertThat(second.capped(8).advance("3]".getBytes()).dead()).as("a capped count still needs its items").isTrue();
    }

    @Test
    void whitespaceAndByteExceptCompose() {
        Grammar g = Grammar.sequence(Grammar.whitespace(), Grammar.byteExcept("{ "), Grammar.textWithout(""));
        assertThat(g.matches(" \n Hello {")).isTrue();
        assertThat(g.matches("  {\"a\":1}")).isFalse();
        assertThat(Grammar.optional(Grammar.literal("x")).matches("")).isTrue();
    }

    @Test
    void composedGrammarsWrapJsonInLiterals() {
        Grammar g = Grammar.sequence(Grammar.literal("<tool_call>"), Grammar.jsonObject(), Grammar.literal("</tool_call>"));
        assertThat(g.matches("<tool_call>{\"a\":1}</tool_call>")).isTrue();
        assertThat(g.matches("<tool_call>{\"a\":1}")).isFalse();
        assertThat(g.start().advance("<tool_call>{}</tool_call>".getBytes()).complete()).isTrue();
    }
}
