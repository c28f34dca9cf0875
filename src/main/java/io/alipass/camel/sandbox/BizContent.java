package io.alipass.camel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;

/**
 * The business parameters of a call ({@code biz_content}), read leniently as the gateway reads
 * them: a field that is a JSON string gives its text, a number or an object gives its JSON text,
 * and an absent or null field gives null.
 */
final class BizContent {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode node;

    private BizContent(JsonNode node) {
        this.node = node;
    }

    /**
     * Parses {@code biz_content}; an absent one is an empty object.
     *
     * @return the content, or null when the text is not a JSON object
     */
    static BizContent parse(String text) {
        if (text == null || text.isBlank()) {
            return new BizContent(JsonNodeFactory.instance.objectNode());
        }
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.isObject() ? new BizContent(n) : null;
        } catch (IOException e) {
            return null;
        }
    }

    String text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isTextual() ? v.asText() : v.toString();
    }

    /** The text of a field, or null when it is absent or blank, as the gateway drops blank values. */
    String nonBlank(String field) {
        String v = text(field);
        return v == null || v.isBlank() ? null : v;
    }
}
