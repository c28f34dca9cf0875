package io.alipass.camel.pass;

import io.alipass.camel.gateway.GatewayMethod;

/**
 * An {@code alipay.pass.template.update}: replaces a template's content.
 *
 * <p>The API page marks both fields optional, but the service answers a blank {@code tpl_content}
 * with {@code KP.AE_ALIPASS_TEMPLATE_CONTENT_IS_BLANK} and cannot find a template without
 * {@code tpl_id}, so both are required here and the failure is caught before signing.
 *
 * @param tplId      the template id returned when the template was created
 * @param tplContent the template as a JSON object string (logo, strip, icon, content, ...)
 */
public record TemplateUpdate(String tplId, String tplContent) implements PassUpdate {

    /** Validates the fields (see {@link PassRules}) and returns the update. */
    public TemplateUpdate {
        PassRules.requireValid(PassRules.checkTemplate(tplId, tplContent));
    }

    @Override
    public GatewayMethod method() {
        return GatewayMethod.PASS_TEMPLATE_UPDATE;
    }

    @Override
    public String key() {
        return tplId;
    }

    @Override
    public String bizContent() {
        return BizContentWriter.object()
                .field(PassField.TPL_ID, tplId)
                .field(PassField.TPL_CONTENT, tplContent)
                .end();
    }

    @Override
    public String toString() {
        return "TemplateUpdate[tpl_id=" + tplId + ", tpl_content " + tplContent.length() + " chars]";
    }
}
