package io.alipass.camel.sandbox;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.RequestCharset;
import io.alipass.camel.gateway.SignType;

/**
 * What the sandbox knows about a call when it answers, which decides how the answer is written:
 * the node ({@code <method>_response}, or {@code error_response} when the method is missing or
 * unknown), whether and how it is signed, and whether {@code alipay_cert_sn} is added.
 *
 * @param method   the supported method called, or null
 * @param signType the request's valid {@code sign_type}, or null (the answer is then not signed)
 * @param charset  the request's accepted charset, or null (the answer is then UTF-8 and not signed)
 * @param certMode whether the call is in certificate mode (the answer carries {@code alipay_cert_sn})
 * @param app      the registered app, or null
 * @param encrypted whether the request's {@code biz_content} was AES-encrypted, so the answer node is too
 */
record CallContext(GatewayMethod method, SignType signType, RequestCharset charset, boolean certMode, RegisteredApp app,
                   boolean encrypted) {

    /** The same context for a request whose content was encrypted. */
    CallContext withEncryption() {
        return new CallContext(method, signType, charset, certMode, app, true);
    }

    /** The name of the node the answer is written in. */
    String node() {
        return method == null ? GatewayMethod.ERROR_RESPONSE_NODE : method.responseNode();
    }

    /** Whether the answer can be signed: the algorithm and the charset of the signed bytes are both known. */
    boolean signable() {
        return signType != null && charset != null;
    }

    /** The charset the answer is written in. */
    RequestCharset answerCharset() {
        return charset == null ? RequestCharset.UTF_8 : charset;
    }
}
