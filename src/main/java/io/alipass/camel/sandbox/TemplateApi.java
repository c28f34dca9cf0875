package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.PassErrorCode;
import io.alipass.camel.pass.PassField;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code alipay.pass.template.add} and {@code alipay.pass.template.update} as the sandbox serves
 * them. Both answer {@code result} as {@code {"errorCode":"KP.AE_SUCCESS","errorMsg":"处理成功",
 * "tpl_id":...,"tpl_params":[...]}}, the shape of the template.update page.
 */
final class TemplateApi {
    static final String UNIQUE_ID = "unique_id";
    private final SandboxState state;

    TemplateApi(SandboxState state) {
        this.state = state;
    }

    /** Adds a template; a second add with the same {@code unique_id} returns the first template. */
    Answer add(BizContent biz) {
        String uniqueId = biz.nonBlank(UNIQUE_ID);
        if (uniqueId == null) {
            return Answer.business(PassErrorCode.TEMPLATE_UNIQUE_ID_IS_BLANK, null);
        }
        TemplateContent.Checked checked = TemplateContent.check(uniqueId, biz.text(PassField.TPL_CONTENT.wireName()),
                state.forbiddenWords());
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        return success(state.addTemplateOnce(uniqueId, checked.content()));
    }

    /** Replaces an existing template's content. */
    Answer update(BizContent biz) {
        String tplId = biz.nonBlank(PassField.TPL_ID.wireName());
        if (tplId == null || state.template(tplId).isEmpty()) {
            return Answer.business(PassErrorCode.TEMPLATE_NOT_EXIST, null);
        }
        TemplateContent.Checked checked = TemplateContent.check(tplId, biz.text(PassField.TPL_CONTENT.wireName()),
                state.forbiddenWords());
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        SandboxTemplate updated = state.updateTemplate(tplId, t -> t.updated(checked.content()));
        return updated == null ? Answer.business(PassErrorCode.TEMPLATE_NOT_EXIST, null) : success(updated);
    }

    private static Answer success(SandboxTemplate t) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("errorCode", PassErrorCode.RESULT_KP_SUCCESS);
        result.put("errorMsg", "处理成功");
        result.put("tpl_id", t.tplId());
        result.put("tpl_params", t.tplParams());
        return new Answer.Success(AnswerWriter.write(result));
    }
}
