package io.alipass.camel.pass;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import com.fasterxml.jackson.databind.JsonNode;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.InvalidRequestException.Violation;
import io.alipass.camel.gateway.PassErrorCode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one update from the JSON a merchant system sends, for example
 * <pre>{"api":"instance.update","serial_number":"209919213","channel_id":"2088918273",
 *  "tpl_params":{"title":"券标题"},"status":"USED","verify_code":"8612231273","verify_type":"wave"}</pre>
 * Field names are the API's own. {@code tpl_params} and {@code tpl_content} may be JSON objects or
 * the JSON strings the API takes. {@code api} names the API ({@code instance.update},
 * {@code template.update} or the full method name); the caller may imply it instead.
 *
 * <p>Strict on purpose: an unknown field (a typo such as {@code stauts}) or a number where the API
 * takes a string is a violation, not something silently dropped or coerced. Every violation of the
 * record is reported at once. Immutable and thread-safe.
 */
public final class PassUpdateReader {
    /** The field that names the API. */
    public static final String API_FIELD = "api";

    private static final Set<String> INSTANCE_FIELDS = Set.of(API_FIELD,
            PassField.SERIAL_NUMBER.wireName(), PassField.CHANNEL_ID.wireName(), PassField.TPL_PARAMS.wireName(),
            PassField.STATUS.wireName(), PassField.VERIFY_CODE.wireName(), PassField.VERIFY_TYPE.wireName(),
            PassField.USER_ID.wireName(), PassField.OPEN_ID.wireName());
    private static final Set<String> TEMPLATE_FIELDS = Set.of(API_FIELD,
            PassField.TPL_ID.wireName(), PassField.TPL_CONTENT.wireName());

    private final String defaultChannelId;

    /** @param defaultChannelId the {@code channel_id} for instance updates that carry none, or null */
    public PassUpdateReader(String defaultChannelId) {
        this.defaultChannelId = defaultChannelId == null || defaultChannelId.isBlank() ? null : defaultChannelId;
    }

    /**
     * Reads JSON text. {@code tpl_params} and {@code tpl_content} given as objects are sent as the
     * user wrote them: numbers keep their literal text ({@code 12.50} stays {@code 12.50}, never
     * {@code 12.5}); only the white space between tokens is dropped.
     */
    public PassUpdate read(String json, GatewayMethod impliedMethod) {
        JsonNode node;
        try {
            node = PassRules.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidPassUpdateException(List.of(PassRules.jsonViolation("$", e, null)));
        }
        return read(node, json, impliedMethod);
    }

    /**
     * Reads a parsed JSON object.
     *
     * @param impliedMethod the API when the record does not name one (a header, a folder), or null
     * @throws InvalidPassUpdateException naming every field and rule broken
     */
    public PassUpdate read(JsonNode node, GatewayMethod impliedMethod) {
        return read(node, null, impliedMethod);
    }

    private PassUpdate read(JsonNode node, String text, GatewayMethod impliedMethod) {
        if (node == null || !node.isObject()) {
            throw new InvalidPassUpdateException(List.of(new Violation("$", "must be a JSON object, was "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)))));
        }
        List<Violation> v = new ArrayList<>();
        GatewayMethod method = method(v, node, impliedMethod);
        if (method == null) {
            throw new InvalidPassUpdateException(v);
        }
        boolean instance = method.equals(GatewayMethod.PASS_INSTANCE_UPDATE);
        Set<String> known = instance ? INSTANCE_FIELDS : TEMPLATE_FIELDS;
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                v.add(new Violation(name, "is not a field of " + method.name()));
            }
        }
        PassUpdate update = instance ? instance(v, node, text) : template(v, node, text);
        if (!v.isEmpty()) {
            throw new InvalidPassUpdateException(v);
        }
        return update;
    }

    private static GatewayMethod method(List<Violation> v, JsonNode node, GatewayMethod implied) {
        JsonNode api = node.get(API_FIELD);
        if (api == null || api.isNull()) {
            if (implied == null) {
                v.add(new Violation(API_FIELD, "is required: " + PassApi.ACCEPTED));
            }
            return implied;
        }
        // PassApi trims the name, and trim() also eats NUL and other control characters: refuse those first.
        boolean control = api.isTextual() && PassRules.controlCharacter(api.asText(), false) != null;
        Optional<GatewayMethod> named = api.isTextual() && !control ? PassApi.named(api.asText()) : Optional.empty();
        if (named.isEmpty()) {
            v.add(new Violation(API_FIELD, "must be " + PassApi.ACCEPTED));
        }
        return named.orElse(null);
    }

    private PassUpdate instance(List<Violation> v, JsonNode node, String text) {
        String serial = string(v, node, PassField.SERIAL_NUMBER);
        String channel = string(v, node, PassField.CHANNEL_ID);
        JsonNode channelNode = node.get(PassField.CHANNEL_ID.wireName());
        if (channel == null && (channelNode == null || channelNode.isNull())) {
            channel = defaultChannelId; // null is absent, as for every other field
        }
        String tplParams = jsonText(v, node, text, PassField.TPL_PARAMS);
        String statusText = string(v, node, PassField.STATUS);
        PassStatus status = null;
        if (statusText != null && !statusText.isEmpty()) {
            try {
                status = PassStatus.valueOf(statusText);
            } catch (IllegalArgumentException e) {
                v.add(new Violation(PassField.STATUS.wireName(), "must be one of " + PassStatus.accepted(),
                        PassErrorCode.PARAMS_VALUE_INVALID.code()));
            }
        }
        String verifyCode = string(v, node, PassField.VERIFY_CODE);
        String verifyTypeText = string(v, node, PassField.VERIFY_TYPE);
        VerifyType verifyType = null;
        if (verifyTypeText != null && !verifyTypeText.isEmpty()) {
            verifyType = VerifyType.fromWire(verifyTypeText);
            if (verifyType == null) {
                v.add(new Violation(PassField.VERIFY_TYPE.wireName(), "must be one of " + VerifyType.accepted(),
                        PassErrorCode.PARAMS_VALUE_INVALID.code()));
            }
        }
        String userId = string(v, node, PassField.USER_ID);
        String openId = string(v, node, PassField.OPEN_ID);
        // Report the rule violations of the typed fields together with the reading problems above.
        List<Violation> rules = PassRules.checkInstance(serial, channel, blankToNull(tplParams), status,
                blankToNull(verifyCode), verifyType == null && verifyTypeText != null && !verifyTypeText.isEmpty() ? VerifyType.INPUT : verifyType,
                blankToNull(userId), blankToNull(openId));
        v.addAll(rules);
        if (!v.isEmpty()) {
            return null;
        }
        return new InstanceUpdate(serial, channel, tplParams, status, verifyCode, verifyType, userId, openId);
    }

    private static PassUpdate template(List<Violation> v, JsonNode node, String text) {
        String tplId = string(v, node, PassField.TPL_ID);
        String tplContent = jsonText(v, node, text, PassField.TPL_CONTENT);
        v.addAll(PassRules.checkTemplate(tplId, tplContent));
        if (!v.isEmpty()) {
            return null;
        }
        return new TemplateUpdate(tplId, tplContent);
    }

    private static String string(List<Violation> v, JsonNode node, PassField field) {
        JsonNode value = node.get(field.wireName());
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            v.add(new Violation(field.wireName(), "must be a JSON string, was " + value.getNodeType().name().toLowerCase(Locale.ROOT)));
            return null;
        }
        return value.asText();
    }

    /**
     * A field the API takes as a JSON string; an object is accepted and written compactly, its
     * numbers as written in {@code text} (the record) when there is one.
     */
    private static String jsonText(List<Violation> v, JsonNode node, String text, PassField field) {
        JsonNode value = node.get(field.wireName());
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isObject()) {
            String asWritten = text == null ? null : compactAsWritten(text, field.wireName());
            return asWritten != null ? asWritten : value.toString();
        }
        if (value.isTextual()) {
            return value.asText();
        }
        v.add(new Violation(field.wireName(), "must be a JSON object or a string holding one, was "
                + value.getNodeType().name().toLowerCase(Locale.ROOT)));
        return null;
    }

    /**
     * The value of a top-level field of a record, written compactly with every number's literal
     * text as the user wrote it (a parsed tree would write {@code 12.50} as {@code 12.5} and
     * {@code 1e400} as {@code "Infinity"}), or null when the text cannot be walked (then the
     * caller has already refused it).
     */
    static String compactAsWritten(String record, String fieldName) {
        try (JsonParser p = PassRules.JSON.getFactory().createParser(record)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (!fieldName.equals(name)) {
                    p.skipChildren();
                    continue;
                }
                StringWriter out = new StringWriter(256);
                try (JsonGenerator g = PassRules.JSON.getFactory().createGenerator(out)) {
                    int depth = 0;
                    do {
                        switch (t) {
                            case START_OBJECT -> { g.writeStartObject(); depth++; }
                            case END_OBJECT -> { g.writeEndObject(); depth--; }
                            case START_ARRAY -> { g.writeStartArray(); depth++; }
                            case END_ARRAY -> { g.writeEndArray(); depth--; }
                            case FIELD_NAME -> g.writeFieldName(p.currentName());
                            case VALUE_STRING -> g.writeString(p.getText());
                            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText()); // the literal text
                            case VALUE_TRUE, VALUE_FALSE -> g.writeBoolean(t == JsonToken.VALUE_TRUE);
                            case VALUE_NULL -> g.writeNull();
                            default -> throw new IllegalStateException("unexpected token " + t);
                        }
                    } while (depth > 0 && (t = p.nextToken()) != null);
                }
                return out.toString();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
