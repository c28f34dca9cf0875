package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.GatewayCode;

/**
 * The gateway-level refusals the sandbox answers with, as the Open Platform's public error codes
 * page ("公共错误码") lists them: {@code 40001} for a missing common parameter, {@code 40002} for an
 * invalid one, {@code 20000} when the service is unavailable, {@code 40005} beyond the call quota;
 * the {@code 20001}, {@code 40003} and {@code 40006} refusals can be scripted with
 * {@link FaultPlan#next(GatewayError, int)}.
 *
 * <p>The sub-codes marked "sandbox name" below are not on that page (the real gateway's answer for
 * them is not documented); they follow its {@code isv.missing-*} / {@code isv.invalid-*} pattern.
 */
public enum GatewayError {
    MISSING_METHOD(GatewayCode.MISSING_PARAMETER, "isv.missing-method", "缺少方法名参数"),
    MISSING_SIGNATURE(GatewayCode.MISSING_PARAMETER, "isv.missing-signature", "缺少签名参数"),
    MISSING_SIGNATURE_TYPE(GatewayCode.MISSING_PARAMETER, "isv.missing-signature-type", "缺少签名类型参数"),
    MISSING_APP_ID(GatewayCode.MISSING_PARAMETER, "isv.missing-app-id", "缺少appId参数"),
    MISSING_TIMESTAMP(GatewayCode.MISSING_PARAMETER, "isv.missing-timestamp", "缺少时间戳参数"),
    MISSING_VERSION(GatewayCode.MISSING_PARAMETER, "isv.missing-version", "缺少版本参数"),
    MISSING_ENCRYPT_TYPE(GatewayCode.MISSING_PARAMETER, "isv.decryption-error-missing-encrypt-type", "解密出错, 未指定加密算法"),
    /** Sandbox name: an app registered with a certificate sent no {@code app_cert_sn}. */
    MISSING_APP_CERT_SN(GatewayCode.MISSING_PARAMETER, "isv.missing-app-cert-sn", "缺少应用公钥证书序列号参数"),
    INVALID_METHOD(GatewayCode.INVALID_PARAMETER, "isv.invalid-method", "不存在的方法名"),
    INVALID_FORMAT(GatewayCode.INVALID_PARAMETER, "isv.invalid-format", "无效的数据格式"),
    INVALID_SIGNATURE_TYPE(GatewayCode.INVALID_PARAMETER, "isv.invalid-signature-type", "无效的签名类型"),
    INVALID_SIGNATURE(GatewayCode.INVALID_PARAMETER, "isv.invalid-signature", "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配"),
    INVALID_APP_ID(GatewayCode.INVALID_PARAMETER, "isv.invalid-app-id", "无效的AppID参数"),
    INVALID_TIMESTAMP(GatewayCode.INVALID_PARAMETER, "isv.invalid-timestamp", "非法的时间戳参数"),
    INVALID_CHARSET(GatewayCode.INVALID_PARAMETER, "isv.invalid-charset", "字符集错误"),
    /** Sandbox name: {@code version} is not {@code 1.0}. */
    INVALID_VERSION(GatewayCode.INVALID_PARAMETER, "isv.invalid-version", "无效的版本参数"),
    INVALID_ENCRYPT_TYPE(GatewayCode.INVALID_PARAMETER, "isv.invalid-encrypt-type", "无效的加密类型"),
    INVALID_ENCRYPT(GatewayCode.INVALID_PARAMETER, "isv.invalid-encrypt", "解密异常"),
    /** Sandbox name: {@code app_cert_sn} is not the serial number of the app's registered certificate. */
    INVALID_APP_CERT_SN(GatewayCode.INVALID_PARAMETER, "isv.invalid-app-cert-sn", "应用公钥证书序列号不匹配"),
    /** Sandbox name: {@code alipay_root_cert_sn} is not the serial number of the sandbox's root chain. */
    INVALID_ALIPAY_ROOT_CERT_SN(GatewayCode.INVALID_PARAMETER, "isv.invalid-alipay-root-cert-sn", "支付宝根证书序列号不匹配"),
    SERVICE_UNAVAILABLE(GatewayCode.SERVICE_UNAVAILABLE, "isp.unknow-error", "系统繁忙"),
    /** {@code app_auth_token} unknown or revoked. */
    INVALID_APP_AUTH_TOKEN(GatewayCode.INSUFFICIENT_AUTHORIZATION, "aop.invalid-app-auth-token", "无效的应用授权令牌"),
    /** {@code app_auth_token} expired. */
    APP_AUTH_TOKEN_TIME_OUT(GatewayCode.INSUFFICIENT_AUTHORIZATION, "aop.app-auth-token-time-out", "应用授权令牌已过期"),
    /** The app is not online (not yet released, or taken offline) in the Open Platform console. */
    INVALID_APP_STATE(GatewayCode.INSUFFICIENT_CONDITIONS, "isv.invalid-app-state", "应用状态不合法"),
    /** No app public key or certificate is set up for the app. */
    MISSING_SIGNATURE_CONFIG(GatewayCode.INSUFFICIENT_CONDITIONS, "isv.missing-signature-config", "验签配置缺失"),
    /** The app lacks the product or permission for this API. */
    INSUFFICIENT_ISV_PERMISSIONS(GatewayCode.INSUFFICIENT_PERMISSIONS, "isv.insufficient-isv-permissions", "ISV权限不足"),
    /** The app called more often than its quota allows ({@link CallQuota}). */
    APP_CALL_LIMITED(GatewayCode.CALL_LIMITED, GatewayCode.APP_CALL_LIMITED, "应用调用频次超限"),
    /** One method was called more often than its quota allows ({@link CallQuota}). */
    METHOD_CALL_LIMITED(GatewayCode.CALL_LIMITED, GatewayCode.METHOD_CALL_LIMITED, "方法调用频次超限");

    private final GatewayCode code;
    private final String subCode;
    private final String subMsg;

    GatewayError(GatewayCode code, String subCode, String subMsg) {
        this.code = code;
        this.subCode = subCode;
        this.subMsg = subMsg;
    }

    public GatewayCode code() {
        return code;
    }

    public String subCode() {
        return subCode;
    }

    public String subMsg() {
        return subMsg;
    }

    /** The answer for this refusal, with the gateway's English {@code msg} for the code. */
    public Answer answer() {
        return new Answer.Failure(code.code(), Answer.msgOf(code), subCode, subMsg);
    }

    /** The answer with a more specific {@code sub_msg}, as the gateway gives for signature failures. */
    public Answer answer(String detail) {
        return new Answer.Failure(code.code(), Answer.msgOf(code), subCode, detail);
    }
}
