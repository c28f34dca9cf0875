package io.alipass.camel.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alipass.camel.gateway.InvalidRequestException.Violation;
import io.alipass.camel.gateway.PassErrorCode;
import io.alipass.camel.pass.PassField;
import io.alipass.camel.pass.PassRules;
import io.alipass.camel.pass.PassStatus;
import io.alipass.camel.pass.VerifyType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code alipay.pass.instance.add} and {@code alipay.pass.instance.update} as the sandbox serves
 * them. The field rules (required fields, GBK, lengths, {@code tpl_params} as a JSON object of
 * non-null scalar values, {@code verify_code} with {@code verify_type}) are those of
 * {@link PassRules}; this adds what only the service knows: which passes and templates exist, and
 * what state a pass is in.
 */
final class InstanceApi {
    static final String RECOGNITION_TYPE = "recognition_type";
    /** 1: by order (partner_id, out_trade_no); 2: by Alipay user id; 3: by open id. */
    static final Set<String> RECOGNITION_TYPES = Set.of("1", "2", "3");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SandboxState state;

    InstanceApi(SandboxState state) {
        this.state = state;
    }

    /** Issues a pass; its serial number and channel come from the template's fileInfo, filled with tpl_params. */
    Answer add(BizContent biz, String appId) {
        String tplId = biz.nonBlank(PassField.TPL_ID.wireName());
        SandboxTemplate template = state.template(tplId).orElse(null);
        if (template == null) {
            return Answer.business(PassErrorCode.TEMPLATE_NOT_EXIST, null);
        }
        String recognition = biz.nonBlank(RECOGNITION_TYPE);
        if (recognition == null || !RECOGNITION_TYPES.contains(recognition)) {
            return Answer.business(PassErrorCode.RECOGNITION_TYPE_NOT_SUPPORTED, null);
        }
        String tplParams = biz.nonBlank(PassField.TPL_PARAMS.wireName());
        // The placeholders stand in for the serial number and channel, which PassRules requires.
        Answer refused = refusal(PassRules.checkInstance("-", "-", tplParams, null, null, null, null, null));
        if (refused != null) {
            return refused;
        }
        Map<String, String> params = params(tplParams);
        for (String variable : template.tplParams()) {
            if (!params.containsKey(variable)) {
                return Answer.business(PassErrorCode.PARAME_IS_NULL, "tpl_params." + variable);
            }
        }
        TemplateContent content = TemplateContent.check(tplId, template.content(), Set.of()).content();
        String serial = fill(content.field("fileInfo", "serialNumber"), params);
        serial = serial != null ? serial : params.getOrDefault("serialNumber", UUID.randomUUID().toString().replace("-", ""));
        String channel = fill(content.field("fileInfo", "channelID"), params);
        channel = channel != null ? channel : fill(content.field("platform", "channelID"), params);
        SandboxPass.Key key = new SandboxPass.Key(serial, channel != null ? channel : appId);
        if (state.pass(key.serialNumber(), key.channelId()).isPresent()) {
            return Answer.business(PassErrorCode.ILLEGAL_PARAMETERS, "serialNumber already issued on this channel");
        }
        return success(state.issue(key, tplId, params), "ADD");
    }

    /** Updates a pass's status, redemption and parameters. */
    Answer update(BizContent biz) {
        String statusText = biz.nonBlank(PassField.STATUS.wireName());
        PassStatus status = null;
        if (statusText != null) {
            try {
                status = PassStatus.valueOf(statusText);
            } catch (IllegalArgumentException e) {
                return Answer.business(PassErrorCode.PARAMS_VALUE_INVALID, "status must be one of " + PassStatus.accepted());
            }
        }
        String verifyTypeText = biz.nonBlank(PassField.VERIFY_TYPE.wireName());
        VerifyType verifyType = verifyTypeText == null ? null : VerifyType.fromWire(verifyTypeText);
        if (verifyTypeText != null && verifyType == null) {
            return Answer.business(PassErrorCode.PARAMS_VALUE_INVALID, "verify_type must be one of " + VerifyType.accepted());
        }
        String serial = biz.nonBlank(PassField.SERIAL_NUMBER.wireName());
        String channel = biz.nonBlank(PassField.CHANNEL_ID.wireName());
        String tplParams = biz.nonBlank(PassField.TPL_PARAMS.wireName());
        String verifyCode = biz.nonBlank(PassField.VERIFY_CODE.wireName());
        Answer refused = refusal(PassRules.checkInstance(serial, channel, tplParams, status, verifyCode, verifyType,
                biz.nonBlank(PassField.USER_ID.wireName()), biz.nonBlank(PassField.OPEN_ID.wireName())));
        if (refused != null) {
            return refused;
        }
        SandboxPass current = state.pass(serial, channel).orElse(null);
        if (current == null) {
            return Answer.business(PassErrorCode.NOT_EXIST, null);
        }
        Map<String, String> params = params(tplParams);
        PassStatus newStatus = status;
        SandboxPass updated = state.updatePass(current.key(), p -> {
            PassLifecycle next = newStatus == null ? p.lifecycle() : PassLifecycle.of(newStatus);
            if (p.lifecycle() == PassLifecycle.CLOSED && next != PassLifecycle.CLOSED) {
                return p; // a closed pass cannot be used again
            }
            return p.updated(next, params, verifyCode, verifyType);
        });
        if (newStatus == PassStatus.USED && updated.lifecycle() == PassLifecycle.CLOSED) {
            return Answer.business(PassErrorCode.UPDATE_ERROR, "the pass is closed");
        }
        return success(updated, "UPDATE");
    }

    /** The first broken field rule as the service's answer; a rule without its own code is an invalid value. */
    private static Answer refusal(List<Violation> violations) {
        if (violations.isEmpty()) {
            return null;
        }
        Violation first = violations.get(0);
        return Answer.business(PassErrorCode.of(first.gatewayCode()).orElse(PassErrorCode.PARAMS_VALUE_INVALID), first.message());
    }

    /** The values of a tpl_params object that {@link PassRules} has accepted, as text. */
    private static Map<String, String> params(String tplParams) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tplParams == null) {
            return out;
        }
        try {
            JsonNode node = JSON.readTree(tplParams);
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        } catch (IOException e) {
            throw new IllegalStateException("tpl_params passed the rules but does not parse", e);
        }
        return out;
    }

    /** A template field with its {@code $variable$}s filled in; null when absent or not fully filled. */
    private static String fill(String field, Map<String, String> params) {
        if (field == null || field.isBlank()) {
            return null;
        }
        String out = field;
        for (Map.Entry<String, String> e : params.entrySet()) {
            out = out.replace("$" + e.getKey() + "$", e.getValue());
        }
        return TemplateContent.variables(out).isEmpty() ? out : null;
    }

    private static Answer success(SandboxPass p, String operate) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("serialNumber", p.serialNumber());
        result.put("passId", p.passId());
        result.put("operate", operate);
        result.put("errorCode", PassErrorCode.RESULT_SUCCESS);
        result.put("errorMsg", "处理成功");
        return new Answer.Success(AnswerWriter.write(result));
    }
}
