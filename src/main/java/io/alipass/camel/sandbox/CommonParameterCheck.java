package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.ParameterName;
import io.alipass.camel.gateway.SignContent;
import io.alipass.camel.gateway.SignType;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's checks of the common parameters, in the order the sandbox applies them: first
 * every missing parameter ({@code 40001}), then every invalid one ({@code 40002}), the signature
 * last, since it can only be checked once the app, charset and sign type are known.
 */
final class CommonParameterCheck {
    /** The APIs the sandbox serves. */
    static final Set<String> METHODS = Set.of(GatewayMethod.PASS_INSTANCE_UPDATE.name(), GatewayMethod.PASS_TEMPLATE_UPDATE.name(),
            GatewayMethod.PASS_TEMPLATE_ADD.name(), GatewayMethod.PASS_INSTANCE_ADD.name(), GatewayMethod.ALIPAYCERT_DOWNLOAD.name());
    private static final ZoneId GATEWAY_ZONE = ZoneId.of("Asia/Shanghai");
    /** {@code uuuu}, not {@code yyyy}: a strict resolver needs an era for {@code yyyy}. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final String SIGNATURE_DETAIL = "验签出错，建议检查签名字符串或签名私钥与应用公钥是否匹配，网关生成的验签字符串为：";

    /**
     * The outcome of the checks: the context to answer in and, when a check failed, its refusal.
     *
     * @param refusal the answer for a failed check, or null when every check passed
     */
    record Result(CallContext context, Answer refusal) {
    }

    private final AppRegistry apps;
    private final Clock clock;
    private final Duration tolerance;
    private final String rootCertSn;

    CommonParameterCheck(AppRegistry apps, Clock clock, Duration tolerance, String rootCertSn) {
        this.apps = apps;
        this.clock = clock;
        this.tolerance = tolerance;
        this.rootCertSn = rootCertSn;
    }

    Result check(GatewayRequest r) {
        String methodName = r.get(ParameterName.METHOD);
        GatewayMethod method = methodName != null && METHODS.contains(methodName) ? new GatewayMethod(methodName) : null;
        SignType signType = signType(r.get(ParameterName.SIGN_TYPE));
        RegisteredApp app = r.blank(ParameterName.APP_ID) ? null : apps.app(r.get(ParameterName.APP_ID));
        boolean certMode = (app != null && app.certificateMode()) || !r.blank(ParameterName.APP_CERT_SN);
        CallContext ctx = new CallContext(method, signType, r.charset(), certMode, app, false);

        GatewayError error = firstMissing(r);
        if (error == null && method == null) {
            error = GatewayError.INVALID_METHOD;
        }
        if (error == null) {
            error = firstInvalid(r, app, signType);
        }
        if (error != null) {
            return new Result(ctx, error.answer());
        }
        String content = SignContent.of(r.parameters()).text();
        if (!apps.verifier(app.appId()).verify(content, r.get(ParameterName.SIGN), signType, r.charset())) {
            return new Result(ctx, GatewayError.INVALID_SIGNATURE.answer(SIGNATURE_DETAIL + masked(r.parameters())));
        }
        return new Result(ctx, null);
    }

    private static GatewayError firstMissing(GatewayRequest r) {
        if (r.blank(ParameterName.METHOD)) {
            return GatewayError.MISSING_METHOD;
        }
        if (r.blank(ParameterName.APP_ID)) {
            return GatewayError.MISSING_APP_ID;
        }
        if (r.blank(ParameterName.SIGN_TYPE)) {
            return GatewayError.MISSING_SIGNATURE_TYPE;
        }
        if (r.blank(ParameterName.SIGN)) {
            return GatewayError.MISSING_SIGNATURE;
        }
        if (r.blank(ParameterName.TIMESTAMP)) {
            return GatewayError.MISSING_TIMESTAMP;
        }
        if (r.blank(ParameterName.VERSION)) {
            return GatewayError.MISSING_VERSION;
        }
        return null;
    }

    private GatewayError firstInvalid(GatewayRequest r, RegisteredApp app, SignType signType) {
        if (app == null) {
            return GatewayError.INVALID_APP_ID;
        }
        if (r.charset() == null) {
            return GatewayError.INVALID_CHARSET;
        }
        if (!r.blank(ParameterName.FORMAT) && !"json".equalsIgnoreCase(r.get(ParameterName.FORMAT).trim())) {
            return GatewayError.INVALID_FORMAT;
        }
        if (signType == null) {
            return GatewayError.INVALID_SIGNATURE_TYPE;
        }
        if (!timely(r.get(ParameterName.TIMESTAMP))) {
            return GatewayError.INVALID_TIMESTAMP;
        }
        if (!"1.0".equals(r.get(ParameterName.VERSION).trim())) {
            return GatewayError.INVALID_VERSION;
        }
        if (app.certificateMode() && r.blank(ParameterName.APP_CERT_SN)) {
            return GatewayError.MISSING_APP_CERT_SN;
        }
        if (!r.blank(ParameterName.APP_CERT_SN) && !r.get(ParameterName.APP_CERT_SN).equals(app.appCertSn())) {
            return GatewayError.INVALID_APP_CERT_SN;
        }
        if (!r.blank(ParameterName.ALIPAY_ROOT_CERT_SN) && !r.get(ParameterName.ALIPAY_ROOT_CERT_SN).equals(rootCertSn)) {
            return GatewayError.INVALID_ALIPAY_ROOT_CERT_SN;
        }
        return null;
    }

    private boolean timely(String timestamp) {
        try {
            LocalDateTime sent = LocalDateTime.parse(timestamp.trim(), TIMESTAMP);
            Duration skew = Duration.between(sent.atZone(GATEWAY_ZONE).toInstant(), clock.instant()).abs();
            return skew.compareTo(tolerance) <= 0;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static SignType signType(String value) {
        try {
            return value == null ? null : SignType.fromWire(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The sign content, as the gateway echoes it to help a developer, with the app_auth_token value hidden. */
    private static String masked(Map<String, String> parameters) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.computeIfPresent(ParameterName.APP_AUTH_TOKEN, (k, v) -> "******");
        return SignContent.of(copy).text();
    }
}
