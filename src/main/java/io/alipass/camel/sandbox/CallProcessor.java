package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.BizContentCipher;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.InvalidResponseException;
import io.alipass.camel.gateway.ParameterName;
import io.alipass.camel.gateway.PassErrorCode;

/**
 * One call from decoded parameters to answer: the common-parameter checks, the decryption of an
 * encrypted {@code biz_content}, then the API. Stateless apart from the state it is given.
 */
final class CallProcessor {
    /**
     * A processed call.
     *
     * @param context    how to write the answer
     * @param answer     the answer
     * @param bizContent the plain {@code biz_content} when the request was encrypted, else null
     */
    record Processed(CallContext context, Answer answer, String bizContent) {
    }

    private final CommonParameterCheck check;
    private final TemplateApi templates;
    private final InstanceApi instances;
    private final CertificateApi certificates;

    CallProcessor(CommonParameterCheck check, SandboxState state) {
        this(check, state, null);
    }

    /** With {@code certificates} null, the certificate download is not served. */
    CallProcessor(CommonParameterCheck check, SandboxState state, CertificateApi certificates) {
        this.check = check;
        this.templates = new TemplateApi(state);
        this.instances = new InstanceApi(state);
        this.certificates = certificates;
    }

    /** Runs the gateway's checks only: what a call refused before the API looks like. */
    CommonParameterCheck.Result checkOnly(GatewayRequest request) {
        return check.check(request);
    }

    Processed process(GatewayRequest request) {
        CommonParameterCheck.Result checked = check.check(request);
        CallContext ctx = checked.context();
        if (checked.refusal() != null) {
            return new Processed(ctx, checked.refusal(), null);
        }
        String bizText = request.get(ParameterName.BIZ_CONTENT);
        String plain = null;
        if (!request.blank(ParameterName.ENCRYPT_TYPE)) {
            if (!BizContentCipher.ENCRYPT_TYPE.equals(request.get(ParameterName.ENCRYPT_TYPE).trim())) {
                return new Processed(ctx, GatewayError.INVALID_ENCRYPT_TYPE.answer(), null);
            }
            BizContentCipher cipher = ctx.app().cipher();
            if (cipher == null) {
                return new Processed(ctx, GatewayError.INVALID_ENCRYPT.answer("应用未配置AES密钥"), null);
            }
            ctx = ctx.withEncryption();
            try {
                plain = bizText == null ? null : cipher.decrypt(bizText, ctx.charset());
            } catch (InvalidResponseException e) {
                return new Processed(ctx, GatewayError.INVALID_ENCRYPT.answer(), null);
            }
            bizText = plain;
        }
        BizContent biz = BizContent.parse(bizText);
        if (biz == null) {
            return new Processed(ctx, Answer.business(PassErrorCode.PARAMS_FORMAT_ERROR, "biz_content is not a JSON object"), plain);
        }
        return new Processed(ctx, dispatch(ctx.method(), biz, ctx.app().appId()), plain);
    }

    private Answer dispatch(GatewayMethod method, BizContent biz, String appId) {
        return switch (method.name()) {
            case "alipay.pass.instance.update" -> instances.update(biz);
            case "alipay.pass.instance.add" -> instances.add(biz, appId);
            case "alipay.pass.template.update" -> templates.update(biz);
            case "alipay.pass.template.add" -> templates.add(biz);
            case "alipay.open.app.alipaycert.download" -> certificates != null ? certificates.download(biz)
                    : GatewayError.INVALID_METHOD.answer();
            default -> throw new IllegalStateException("the checks let through an unserved method: " + method);
        };
    }
}
