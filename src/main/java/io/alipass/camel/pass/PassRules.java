package io.alipass.camel.pass;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.InvalidRequestException;
import io.alipass.camel.gateway.InvalidRequestException.Violation;
import io.alipass.camel.gateway.PassErrorCode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The local rules of the two pass APIs, checked before anything is signed. Each rule is written
 * once, here, and each broken rule becomes a {@link Violation} that names the field, the rule and,
 * where the gateway would refuse the same value, its {@code KP.AE_*} code.
 */
public final class PassRules {
    /**
     * Strict reading: a duplicate key is an error, and so is anything after the record (a second
     * JSON-lines record in one message would otherwise be dropped without a word).
     */
    static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private PassRules() {
    }

    /** The violations of an instance update's fields; empty when valid. */
    public static List<Violation> checkInstance(String serialNumber, String channelId, String tplParams, PassStatus status,
                                                String verifyCode, VerifyType verifyType, String userId, String openId) {
        List<Violation> v = new ArrayList<>();
        required(v, PassField.SERIAL_NUMBER, serialNumber, null);
        required(v, PassField.CHANNEL_ID, channelId, null);
        text(v, PassField.TPL_PARAMS, tplParams);
        if (tplParams != null) {
            tplParams(v, tplParams);
        }
        text(v, PassField.VERIFY_CODE, verifyCode);
        text(v, PassField.USER_ID, userId);
        text(v, PassField.OPEN_ID, openId);
        if ((verifyCode == null) != (verifyType == null)) {
            v.add(new Violation(verifyCode == null ? PassField.VERIFY_CODE.wireName() : PassField.VERIFY_TYPE.wireName(),
                    "verify_code and verify_type must be sent together or not at all",
                    PassErrorCode.PARAMS_VALUE_INVALID.code()));
        }
        return v;
    }

    /** The violations of a template update's fields; empty when valid. */
    public static List<Violation> checkTemplate(String tplId, String tplContent) {
        List<Violation> v = new ArrayList<>();
        required(v, PassField.TPL_ID, tplId, PassErrorCode.TEMPLATE_NOT_EXIST.code());
        required(v, PassField.TPL_CONTENT, tplContent, PassErrorCode.TEMPLATE_CONTENT_IS_BLANK.code());
        if (tplContent != null && !tplContent.isBlank()) {
            JsonNode node = parse(v, PassField.TPL_CONTENT, tplContent, PassErrorCode.TEMPLATE_CONTENT_FORMAT_ERROR);
            if (node != null && !node.isObject()) {
                v.add(new Violation(PassField.TPL_CONTENT.wireName(), "must be a JSON object",
                        PassErrorCode.TEMPLATE_CONTENT_FORMAT_ERROR.code()));
            } else if (node != null) {
                escapedText(v, PassField.TPL_CONTENT, tplContent, node);
                noControlCharacters(v, PassField.TPL_CONTENT, node);
            }
        }
        return v;
    }

    /** Throws when there are violations. */
    static void requireValid(List<Violation> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidPassUpdateException(violations);
        }
    }

    private static void required(List<Violation> v, PassField field, String value, String code) {
        if (value == null || value.isBlank()) {
            v.add(new Violation(field.wireName(), "is required", code));
            return;
        }
        text(v, field, value);
    }

    /** Length and character-set rules that every text field shares. */
    private static void text(List<Violation> v, PassField field, String value) {
        if (value == null) {
            return;
        }
        if (field != PassField.TPL_PARAMS && field != PassField.TPL_CONTENT) {
            // The JSON-valued fields are checked string by string once parsed (they may hold line breaks).
            String control = controlCharacter(value, false);
            if (control != null) {
                v.add(new Violation(field.wireName(), "must not hold control characters; " + control + " is one",
                        PassErrorCode.PARAMS_VALUE_INVALID.code()));
            }
        }
        if (value.length() > field.maxLength()) {
            v.add(new Violation(field.wireName(), "must be at most " + field.maxLength() + " characters, was " + value.length()));
        }
        int bad = GbkText.firstNonGbk(value);
        if (bad >= 0) {
            v.add(new Violation(field.wireName(), "must hold only GBK characters; "
                    + GbkText.describe(value, bad) + " at index " + bad + " is not", PassErrorCode.CHAR_NOT_GBK.code()));
        }
    }

    private static void tplParams(List<Violation> v, String tplParams) {
        JsonNode node = parse(v, PassField.TPL_PARAMS, tplParams, PassErrorCode.PARAMS_FORMAT_ERROR);
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            v.add(new Violation(PassField.TPL_PARAMS.wireName(), "must be a JSON object of template variables",
                    PassErrorCode.PARAMS_FORMAT_ERROR.code()));
            return;
        }
        escapedText(v, PassField.TPL_PARAMS, tplParams, node);
        noControlCharacters(v, PassField.TPL_PARAMS, node);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String where = PassField.TPL_PARAMS.wireName() + "." + e.getKey();
            if (e.getValue().isNull()) {
                v.add(new Violation(where, "must not be null", PassErrorCode.PARAME_IS_NULL.code()));
            } else if (e.getValue().isContainerNode()) {
                v.add(new Violation(where, "must be a string, number or boolean", PassErrorCode.PARAMS_VALUE_INVALID.code()));
            }
        }
    }

    /**
     * The GBK rule for the text the pass service reads out of a JSON field: a {@code \\uD83D\\uDE00}
     * escape is plain ASCII on the wire but an emoji once parsed. Checked only when the raw text
     * passed, so that one character is not reported twice.
     */
    private static void escapedText(List<Violation> v, PassField field, String raw, JsonNode node) {
        if (GbkText.firstNonGbk(raw) >= 0) {
            return;
        }
        String bad = firstNonGbk(node);
        if (bad != null) {
            v.add(new Violation(field.wireName(), "must hold only GBK characters; " + bad
                    + " (written as a JSON escape) is not", PassErrorCode.CHAR_NOT_GBK.code()));
        }
    }

    /** The first character GBK cannot encode in a parsed value's strings and names, as {@code U+1F600}, or null. */
    private static String firstNonGbk(JsonNode node) {
        if (node.isTextual()) {
            int i = GbkText.firstNonGbk(node.textValue());
            return i >= 0 ? GbkText.describe(node.textValue(), i) : null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int i = GbkText.firstNonGbk(e.getKey());
            if (i >= 0) {
                return GbkText.describe(e.getKey(), i);
            }
            String bad = firstNonGbk(e.getValue());
            if (bad != null) {
                return bad;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                String bad = firstNonGbk(element);
                if (bad != null) {
                    return bad;
                }
            }
        }
        return null;
    }

    private static JsonNode parse(List<Violation> v, PassField field, String json, PassErrorCode code) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            v.add(jsonViolation(field.wireName(), e, code.code()));
            return null;
        }
    }

    /**
     * The one reading of a JSON problem, whatever the layout or source: a repeated key names its
     * path ({@code tpl_params.title}); a parser limit says which limit in a user's words; any other
     * problem is Jackson's own sentence without the source excerpt (which would echo the data).
     *
     * @param where the field the JSON text is the value of, or {@code $} for a whole record
     */
    static Violation jsonViolation(String where, JsonProcessingException e, String code) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return new Violation(where, "must be valid JSON within the reader's limits (" + limitProblem(m) + ")", code);
        }
        if (m.startsWith("Duplicate") && e.getProcessor() instanceof JsonParser p) {
            String name = p.getParsingContext().getCurrentName();
            String path = dotted(p.getParsingContext().pathAsPointer().toString());
            String full = "$".equals(where) ? path : path.isEmpty() ? where : where + "." + path;
            return new Violation(full.isEmpty() ? where : full, "must not repeat a key (\"" + name + "\" appears more than once)", code);
        }
        return new Violation(where, "must be valid JSON (" + jsonProblem(e) + ")", code);
    }

    /** {@code /tpl_params/title} as {@code tpl_params.title}. */
    private static String dotted(String pointer) {
        return pointer.replaceFirst("^/", "").replace('/', '.').replace("~1", "/").replace("~0", "~");
    }

    /** Jackson names its limits by class and method; a merchant needs the limit and the value. */
    private static String limitProblem(String m) {
        java.util.regex.Matcher n = java.util.regex.Pattern.compile("\\((\\d+)\\) exceeds the maximum allowed \\((\\d+)").matcher(m);
        String was = n.find() ? n.group(1) : null;
        String max = was == null ? null : n.group(2);
        String range = was == null ? "" : ": " + was + ", at most " + max;
        if (m.startsWith("Number value length")) {
            return "a number is too long" + (was == null ? "" : ": " + was + " characters, at most " + max);
        }
        if (m.startsWith("Name length")) {
            return "a key is too long" + (was == null ? "" : ": " + was + " characters, at most " + max);
        }
        if (m.startsWith("String value length")) {
            return "a string is too long" + (was == null ? "" : ": " + was + " characters, at most " + max);
        }
        if (m.startsWith("Document nesting depth")) {
            return "objects and arrays nest too deep" + (was == null ? "" : ": " + was + " levels, at most " + max);
        }
        return "a value is too large" + range;
    }

    /** Jackson's message without the source excerpt, which would echo the data. */
    static String jsonProblem(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int quote = m.indexOf('\n');
        m = quote > 0 ? m.substring(0, quote) : m;
        return m.length() > 120 ? m.substring(0, 120) + "..." : m;
    }

    /**
     * The first control character of a value, described, or null: U+0000 to U+001F and U+007F,
     * except tab, CR and LF where {@code textAllowsLineBreaks} (strings inside tpl_params and tpl_content).
     */
    static String controlCharacter(String value, boolean textAllowsLineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 || c == 0x7F) && !(textAllowsLineBreaks && (c == '\t' || c == '\r' || c == '\n'))) {
                return String.format("U+%04X at index %d", (int) c, i);
            }
        }
        return null;
    }

    /** The first control character in a parsed value's strings and names, with where it is, or null. */
    private static String controlCharacterIn(JsonNode node, String where) {
        if (node.isTextual()) {
            String c = controlCharacter(node.textValue(), true);
            return c == null ? null : where + ": " + c;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String c = controlCharacter(e.getKey(), false);
            if (c != null) {
                return where + " (a key): " + c;
            }
            String inner = controlCharacterIn(e.getValue(), where + "." + e.getKey());
            if (inner != null) {
                return inner;
            }
        }
        int i = 0;
        for (JsonNode element : node.isArray() ? node : com.fasterxml.jackson.databind.node.MissingNode.getInstance()) {
            String inner = controlCharacterIn(element, where + "[" + i++ + "]");
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    private static void noControlCharacters(List<Violation> v, PassField field, JsonNode node) {
        String bad = controlCharacterIn(node, field.wireName());
        if (bad != null) {
            int colon = bad.indexOf(": ");
            v.add(new Violation(bad.substring(0, colon).replace(" (a key)", ""),
                    "must not hold control characters (tab, CR and LF are allowed in strings); " + bad.substring(colon + 2) + " is one",
                    PassErrorCode.PARAMS_VALUE_INVALID.code()));
        }
    }
}
