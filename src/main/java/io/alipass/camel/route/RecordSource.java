package io.alipass.camel.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alipass.camel.pass.PassApi;
import io.alipass.camel.pass.PassField;
import io.alipass.camel.pass.PassUpdateReader;
import org.apache.camel.Exchange;

/**
 * Where a record came from, for the {@code source} field of its outcome document, so that a person
 * can find it and act: {@code {"file":"batch.jsonl","record":3}} (the record's number in the
 * dropped file, from 1), {@code {"jms":"ID:..."}} (the JMS message id), or {@code {"http":"POST /alipass/updates"}}.
 * Also reads the method and key of a record that failed validation, when they are readable, so that
 * an invalid-input document says which pass it was about.
 */
public final class RecordSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordSource() {
    }

    /** The source of the exchange's record, or null when it came from none of the three (a direct call). */
    public static ObjectNode of(Exchange exchange) {
        ObjectNode src = JsonNodeFactory.instance.objectNode();
        String file = exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        Integer index = exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class);
        if (file != null) {
            src.put("file", file);
            if (index != null) {
                src.put("record", index + 1L);
            }
            return src;
        }
        String jms = exchange.getMessage().getHeader("JMSMessageID", String.class);
        if (jms != null) {
            return src.put("jms", jms);
        }
        String httpMethod = exchange.getMessage().getHeader(Exchange.HTTP_METHOD, String.class);
        if (httpMethod != null) {
            String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
            String uri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
            return src.put("http", httpMethod + " " + (uri != null ? uri : path != null ? path : "/"));
        }
        return null;
    }

    /**
     * Puts {@code method} and {@code key} into an outcome document that lacks them, read leniently
     * from the record as it arrived (an invalid record never got as far as the headers that carry them).
     */
    public static void addMethodAndKey(ObjectNode doc, String input) {
        if (input == null || (doc.has("method") && doc.has("key"))) {
            return;
        }
        JsonNode record;
        try {
            record = JSON.readTree(input.startsWith("\uFEFF") ? input.substring(1) : input);
        } catch (Exception e) {
            return; // not readable: nothing to add
        }
        if (record == null || !record.isObject()) {
            return;
        }
        JsonNode api = record.get(PassUpdateReader.API_FIELD);
        if (!doc.has("method") && api != null && api.isTextual() && writable(api.asText())) {
            PassApi.named(api.asText()).ifPresent(m -> doc.put("method", m.name()));
        }
        if (!doc.has("key")) {
            for (PassField f : new PassField[] {PassField.SERIAL_NUMBER, PassField.TPL_ID}) {
                JsonNode k = record.get(f.wireName());
                // Only a key that can be written as it is: an invalid record may hold a lone surrogate or a control character.
                if (k != null && k.isTextual() && !k.asText().isBlank() && writable(k.asText())) {
                    doc.put("key", k.asText());
                    break;
                }
            }
        }
    }

    private static boolean writable(String s) {
        return java.nio.charset.StandardCharsets.UTF_8.newEncoder().canEncode(s) && s.chars().noneMatch(c -> c < 0x20 || c == 0x7F)
                && s.length() <= 999;
    }
}
