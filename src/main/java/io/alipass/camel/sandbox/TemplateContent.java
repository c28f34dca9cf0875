package io.alipass.camel.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.InvalidRequestException.Violation;
import io.alipass.camel.gateway.PassErrorCode;
import io.alipass.camel.pass.PassRules;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A template's {@code tpl_content} as the pass service checks it: present, a JSON object, only
 * properties of the Alipass template format at the top level, no forbidden word, GBK text. Its
 * {@code $name$} placeholders are the template's dynamic parameters, returned as {@code tpl_params}
 * and required when a pass is issued.
 *
 * @param text      the content as sent
 * @param node      the parsed content
 * @param variables the placeholder names, in order of first appearance
 */
record TemplateContent(String text, JsonNode node, List<String> variables) {

    /** The top-level properties of the Alipass template format (tpl_content 参数说明). */
    static final Set<String> PROPERTIES = Set.of("logo", "strip", "icon", "content", "style", "fileInfo", "merchant",
            "platform", "evoucherInfo", "appInfo", "source", "shareInfo", "thumbnail", "background");
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)\\$");
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * A checked content, or the refusal of it.
     *
     * @param content the content when every rule holds, else null
     * @param refusal the answer when a rule is broken, else null
     */
    record Checked(TemplateContent content, Answer refusal) {
    }

    /**
     * Checks content for a template known by {@code id} (the {@code tpl_id} of an update, the
     * {@code unique_id} of an add). The field rules (blank, JSON object, GBK, length) are the ones
     * {@link PassRules#checkTemplate} defines for the client; this adds the service-side rules.
     */
    static Checked check(String id, String text, Set<String> forbiddenWords) {
        List<Violation> violations = PassRules.checkTemplate(id, text);
        if (!violations.isEmpty()) {
            Violation first = violations.get(0);
            PassErrorCode code = PassErrorCode.of(first.gatewayCode()).orElse(PassErrorCode.ILLEGAL_PARAMETERS);
            return new Checked(null, Answer.business(code, first.message()));
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return new Checked(null, Answer.business(PassErrorCode.TEMPLATE_CONTENT_FORMAT_ERROR, null));
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PROPERTIES.contains(name)) {
                return new Checked(null, Answer.business(PassErrorCode.TEMPLATE_UNRECOGNIZED_PROPERTY, name));
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String word : forbiddenWords) {
            if (!word.isBlank() && lower.contains(word.toLowerCase(Locale.ROOT))) {
                return new Checked(null, Answer.business(PassErrorCode.DATA_CONTAINS_FORBIDDEN_WORD, null));
            }
        }
        return new Checked(new TemplateContent(text, node, variables(text)), null);
    }

    /** The placeholder names in the text, each once, in order of first appearance. */
    static List<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /**
     * A text field of the template ({@code fileInfo.serialNumber}, say), or null. The Alipass template
     * format puts {@code fileInfo}, {@code platform}, {@code merchant} and the other parts inside
     * {@code content}; the top level is read too, as older examples put them there.
     */
    String field(String object, String name) {
        JsonNode v = node.path("content").path(object).get(name);
        if (v == null || !v.isTextual()) {
            v = node.path(object).get(name);
        }
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
