package io.alipass.camel.gateway;

import java.util.Optional;

/**
 * The pass service's business codes ({@code KP.AE_*}), from the two API pages
 * (alipay.pass.instance.update and alipay.pass.template.update), with what each means and whether
 * retrying the same request can help. They arrive as {@code sub_code}, or as {@code errorCode}
 * inside the {@code result} string of a {@code 10000} answer. A code not listed is kept verbatim.
 */
public enum PassErrorCode {
    /** Both APIs: the pass service was busy or failed; the page says to retry. */
    SYSTEM_ERROR("KP.AE_SYSTEM_ERROR", "系统繁忙或系统异常 system busy or failed", true),
    PARAMS_FORMAT_ERROR("KP.AE_ALIPASS_PARAMS_FORMAT_ERROR", "参数格式错误 a JSON parameter is not valid JSON", false),
    NOT_EXIST("KP.AE_ALIPASS_NOTEXIST", "卡券不存在 no pass with this serial_number and channel_id", false),
    /** The page says to check the parameters, then retry: it is not retried blindly. */
    UPDATE_ERROR("KP.AE_ALIPASS_UPDATE_ERROR", "更新卡券失败 the pass update failed", false),
    PARAME_IS_NULL("KP.AE_ALIPASS_PARAME_IS_NULL", "参数值为null a tpl_params value the template needs is missing", false),
    PARAMS_VALUE_INVALID("KP.AE_ALIPASS_PARAMS_VALUE_INVAILD", "无效的参数传值 invalid parameter value", false),
    CHAR_NOT_GBK("KP.AE_ALIPASS_CHAR_NOT_GBK", "卡券传值中有非GBK的字符 a value holds characters outside GBK", false),
    TEMPLATE_PARAMETER_IS_NULL("KP.AE_ALIPASS_TEMPLATE_PARAMTER_IS_NULL", "模板参数为空 template parameter is empty", false),
    TEMPLATE_APP_ID_IS_NULL("KP.AE_ALIPASS_TEMPLATE_APP_ID_IS_NULL", "入参app_id为空 app_id is empty", false),
    TEMPLATE_CONTENT_IS_BLANK("KP.AE_ALIPASS_TEMPLATE_CONTENT_IS_BLANK", "入参tpl_content为空 tpl_content is empty", false),
    TEMPLATE_UNIQUE_ID_IS_BLANK("KP.AE_ALIPASS_TEMPLATE_UNIQUE_ID_IS_BLANK", "入参unique_id为空 unique_id is empty", false),
    RECOGNITION_TYPE_NOT_SUPPORTED("KP.AE_ALIPASS_RECOGNITION_TYPE_NOSUPPORT", "发券方式不支持 issuing method not supported", false),
    TEMPLATE_CONTENT_FORMAT_ERROR("KP.AE_ALIPASS_TEMPLATE_CONTENT_FORMAT_ERR", "入参tpl_content格式错误 tpl_content is malformed", false),
    TEMPLATE_NOT_EXIST("KP.AE_ALIPASS_TEMPLATE_NOT_EXIST", "目标模板信息不存在 no template with this tpl_id", false),
    ILLEGAL_PARAMETERS("KP.AE_ILLEGAL_PARAMETERS", "保存模板信息时存在参数错误 a template parameter is wrong", false),
    DATA_CONTAINS_FORBIDDEN_WORD("KP.AE_ALIPASS_DATA_CONTAIN_FORBIDDEN_WORD", "模板内容中存在敏感词、违禁词 the template holds a forbidden word", false),
    TEMPLATE_UNRECOGNIZED_PROPERTY("KP.AE_ALIPASS_TEMPLATE_UNRECOGNIZE_PROPERTY", "tpl_content中存在不识别的属性 tpl_content has an unknown property", false);

    /** The {@code errorCode} in {@code result} of a successful instance update. */
    public static final String RESULT_SUCCESS = "SUCCESS";
    /** The {@code errorCode} in {@code result} of a successful template call. */
    public static final String RESULT_KP_SUCCESS = "KP.AE_SUCCESS";

    private final String code;
    private final String meaning;
    private final boolean retryable;

    PassErrorCode(String code, String meaning, boolean retryable) {
        this.code = code;
        this.meaning = meaning;
        this.retryable = retryable;
    }

    /** The code as the gateway sends it, e.g. {@code KP.AE_ALIPASS_NOTEXIST}. */
    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /** Whether the same request may succeed later without change. */
    public boolean retryable() {
        return retryable;
    }

    public static Optional<PassErrorCode> of(String code) {
        if (code != null) {
            for (PassErrorCode c : values()) {
                if (c.code.equals(code)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether an {@code errorCode} in {@code result} means success. */
    public static boolean isResultSuccess(String errorCode) {
        return errorCode == null || RESULT_SUCCESS.equals(errorCode) || RESULT_KP_SUCCESS.equals(errorCode);
    }
}
