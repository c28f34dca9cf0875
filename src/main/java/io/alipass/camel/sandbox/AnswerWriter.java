package io.alipass.camel.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alipass.camel.gateway.RequestCharset;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.SignType;
import java.security.PrivateKey;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes an answer in the gateway's shape, {@code {"<node>":{...},"sign":"..."}} (with
 * {@code "alipay_cert_sn"} in certificate mode), and signs the exact node text it writes, in the
 * request's charset, with the request's sign type and the sandbox's Alipay key. An encrypted
 * call's node is the quoted Base64 of the encrypted node text, and the quoted string is what is
 * signed, as the official client expects.
 *
 * <p>RSA PKCS#1 v1.5 signatures are deterministic, so a signature is cached by the text, type and
 * charset it covers: a repeated answer costs no RSA operation, and the bytes are those a fresh
 * signature would give. A 2048-bit signature costs about 1.6 ms of one core, which would otherwise
 * cap the sandbox near 600 answers per second.
 */
final class AnswerWriter {
    /** How the signature of a written answer is to be spoiled, for fault injection. */
    enum Signature { VALID, MISSING, WRONG }

    /**
     * An answer ready to send.
     *
     * @param body        the bytes, in the answer charset
     * @param contentType the {@code Content-Type} header
     */
    record Written(byte[] body, String contentType) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CACHE_LIMIT = 50_000;

    /** The cache key names the signing certificate too: after a rotation the same text signs differently. */
    private record CacheKey(String text, SignType type, RequestCharset charset, String certSn) {
    }

    /** A signing key with its signers, and the serial of its certificate (null: public-key mode). */
    private record Signing(String certSn, Map<SignType, RequestSigner> signers) {
        static Signing of(PrivateKey key, String certSn) {
            Map<SignType, RequestSigner> signers = new EnumMap<>(SignType.class);
            for (SignType type : SignType.values()) {
                signers.put(type, new RequestSigner(key, type));
            }
            return new Signing(certSn, signers);
        }
    }

    private final Map<CacheKey, String> signatures = new ConcurrentHashMap<>();
    private final Signing publicKeyMode;
    private volatile Signing certificateMode;

    AnswerWriter(PrivateKey alipayPrivateKey, String alipayCertSn) {
        this.publicKeyMode = Signing.of(alipayPrivateKey, null);
        this.certificateMode = new Signing(alipayCertSn, publicKeyMode.signers());
    }

    /** Signs certificate-mode answers from now on with this key, naming this certificate serial (a rotation). */
    void signWithCertificate(PrivateKey key, String alipayCertSn) {
        this.certificateMode = Signing.of(key, alipayCertSn);
    }

    Written write(CallContext ctx, Answer answer, Signature signature) {
        RequestCharset charset = ctx.answerCharset();
        Signing signing = ctx.certMode() ? certificateMode : publicKeyMode;
        String nodeText = nodeText(answer);
        if (ctx.encrypted() && ctx.app() != null && ctx.app().cipher() != null) {
            nodeText = quoted(ctx.app().cipher().encrypt(nodeText, charset));
        }
        StringBuilder out = new StringBuilder(nodeText.length() + 420);
        out.append("{\"").append(ctx.node()).append("\":").append(nodeText);
        if (ctx.certMode()) {
            out.append(",\"alipay_cert_sn\":\"").append(signing.certSn()).append('"');
        }
        if (ctx.signable() && signature != Signature.MISSING) {
            String sign = sign(nodeText, ctx.signType(), charset, signing);
            if (signature == Signature.WRONG) {
                sign = sign(nodeText + " ", ctx.signType(), charset, signing); // well-formed, but over other text
            }
            out.append(",\"sign\":\"").append(sign).append('"');
        }
        out.append('}');
        return new Written(out.toString().getBytes(charset.charset()),
                "application/json;charset=" + charset.wireName());
    }

    private String sign(String text, SignType type, RequestCharset charset, Signing signing) {
        CacheKey key = new CacheKey(text, type, charset, signing.certSn());
        String cached = signatures.get(key);
        if (cached != null) {
            return cached;
        }
        String sign = signing.signers().get(type).sign(text.getBytes(charset.charset()));
        if (signatures.size() >= CACHE_LIMIT) {
            signatures.clear(); // crude, but bounded; the cache only saves work
        }
        signatures.put(key, sign);
        return sign;
    }

    private static String nodeText(Answer answer) {
        ObjectNode node = JSON.createObjectNode();
        node.put("code", answer.code());
        if (answer instanceof Answer.Success s) {
            node.put("msg", "Success");
            node.put("success", "true");
            node.put("result", s.result());
        } else if (answer instanceof Answer.AlipayCertificate c) {
            node.put("msg", "Success");
            node.put("alipay_cert_content", c.alipayCertContent());
        } else if (answer instanceof Answer.Failure f) {
            node.put("msg", f.msg());
            if (f.subCode() != null) {
                node.put("sub_code", f.subCode());
            }
            if (f.subMsg() != null) {
                node.put("sub_msg", f.subMsg());
            }
        }
        return write(node);
    }

    private static String quoted(String base64) {
        return "\"" + base64 + "\"";
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write sandbox JSON", e);
        }
    }
}
