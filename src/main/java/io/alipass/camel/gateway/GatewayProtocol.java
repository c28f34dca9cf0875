package io.alipass.camel.gateway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One app's view of the Alipay Open Platform protocol, without any transport: it turns a method and
 * its {@code biz_content} into a signed, encoded request, and a raw response body into a
 * {@link PassUpdateOutcome}. Camel routes, the benchmark and plain Java callers all go through it.
 *
 * <p>Immutable and thread-safe; build one per app with {@link #builder()}. Response verification is
 * on unless explicitly turned off.
 */
public final class GatewayProtocol {
    /** The only {@code format} the gateway accepts. */
    public static final String FORMAT = "JSON";
    /** The only {@code version} of the pass APIs. */
    public static final String VERSION = "1.0";
    /** {@code timestamp} is read by the gateway as Beijing time, whatever zone the caller runs in. */
    public static final ZoneId GATEWAY_ZONE = ZoneId.of("Asia/Shanghai");
    public static final DateTimeFormatter TIMESTAMP_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(GATEWAY_ZONE);

    /** The order of the query string, following the official client. */
    private static final List<String> QUERY_ORDER = List.of(
            ParameterName.APP_ID, ParameterName.METHOD, ParameterName.FORMAT, ParameterName.CHARSET,
            ParameterName.SIGN_TYPE, ParameterName.TIMESTAMP, ParameterName.VERSION,
            ParameterName.APP_CERT_SN, ParameterName.ALIPAY_ROOT_CERT_SN, ParameterName.ENCRYPT_TYPE, ParameterName.SIGN);

    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String appId;
    private final RequestSigner signer;
    private final ResponseVerifier verifier;
    private final RequestCharset charset;
    private final String appAuthToken;
    private final String appCertSn;
    private final String alipayRootCertSn;
    private final BizContentCipher cipher;
    private final Clock clock;
    private final String contentType;
    /** Certificate mode with verification: the Alipay certificates by serial, else null. */
    private final AlipayCertificateStore alipayCertificates;
    private final GatewayTransport certificateDownloads;
    private final java.security.cert.X509Certificate appCertificate;

    private GatewayProtocol(Builder b) {
        this.appId = b.appId;
        this.signer = b.signer;
        this.verifier = b.verifier;
        this.charset = b.charset;
        this.appAuthToken = b.appAuthToken;
        this.appCertSn = b.appCertSn;
        this.alipayRootCertSn = b.alipayRootCertSn;
        this.cipher = b.cipher;
        this.clock = b.clock;
        this.contentType = "application/x-www-form-urlencoded;charset=" + charset.wireName();
        this.appCertificate = b.appCertificate;
        this.certificateDownloads = b.certificateDownloads;
        this.alipayCertificates = verifier == null || verifier.alipayCertSn() == null ? null
                : new AlipayCertificateStore(AlipayRootTrust.of(b.alipayRootChain, clock), b.alipayCertificateFile(),
                        b.certificateDownloads == null ? null : this::downloadCertificate, b.certificateCacheDir);
    }

    public static Builder builder() {
        return new Builder();
    }

    public String appId() {
        return appId;
    }

    public RequestCharset charset() {
        return charset;
    }

    public SignType signType() {
        return signer.signType();
    }

    /** Whether responses are checked against the Alipay public key or certificate. */
    public boolean verifiesResponses() {
        return verifier != null;
    }

    /**
     * In certificate mode with verification, the Alipay certificates held (configured and fetched),
     * the root trust, and the download count; else null.
     */
    public AlipayCertificateStore alipayCertificates() {
        return alipayCertificates;
    }

    /** In certificate mode, the app certificate ({@code app_cert_sn}'s certificate); else null. */
    public java.security.cert.X509Certificate appCertificate() {
        return appCertificate;
    }

    /**
     * Every parameter of the request, {@code sign} included, before encoding. {@code biz_content} is
     * encrypted first when a content key is configured.
     *
     * @param appAuthToken a per-request {@code app_auth_token} (an ISV acting for a merchant), or null for the configured one
     */
    public Map<String, String> signedParameters(GatewayMethod method, String bizContent, String appAuthToken) {
        return signedWithToken(method, bizContent, appAuthToken != null ? appAuthToken : this.appAuthToken, cipher != null);
    }

    /** The signed parameters with exactly this {@code app_auth_token} (null: none), encrypted or not. */
    private Map<String, String> signedWithToken(GatewayMethod method, String bizContent, String appAuthToken, boolean encrypt) {
        TreeMap<String, String> params = new TreeMap<>();
        params.put(ParameterName.APP_ID, appId);
        params.put(ParameterName.METHOD, method.name());
        params.put(ParameterName.FORMAT, FORMAT);
        params.put(ParameterName.CHARSET, charset.wireName());
        params.put(ParameterName.SIGN_TYPE, signer.signType().wireName());
        params.put(ParameterName.TIMESTAMP, TIMESTAMP_FORMAT.format(clock.instant()));
        params.put(ParameterName.VERSION, VERSION);
        putIfPresent(params, ParameterName.APP_AUTH_TOKEN, appAuthToken);
        putIfPresent(params, ParameterName.APP_CERT_SN, appCertSn);
        putIfPresent(params, ParameterName.ALIPAY_ROOT_CERT_SN, alipayRootCertSn);
        if (encrypt && !Blank.is(bizContent)) {
            params.put(ParameterName.ENCRYPT_TYPE, BizContentCipher.ENCRYPT_TYPE);
            bizContent = cipher.encrypt(bizContent, charset);
        }
        putIfPresent(params, ParameterName.BIZ_CONTENT, bizContent);
        params.put(ParameterName.SIGN, signer.sign(SignContent.of(params), charset));
        return params;
    }

    /** Signs and encodes a request with the configured {@code app_auth_token}. */
    public EncodedRequest prepare(GatewayMethod method, String bizContent) {
        return prepare(method, bizContent, null);
    }

    /** Signs and encodes a request, with a per-request {@code app_auth_token} when not null. */
    public EncodedRequest prepare(GatewayMethod method, String bizContent, String appAuthToken) {
        return encode(method, signedParameters(method, bizContent, appAuthToken));
    }

    /** Encodes already-signed parameters: system parameters in the query, the rest in the body. */
    public EncodedRequest encode(GatewayMethod method, Map<String, String> signed) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String name : QUERY_ORDER) {
            String v = signed.get(name);
            if (v != null) {
                query.put(name, v);
            }
        }
        Map<String, String> body = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : signed.entrySet()) {
            if (!ParameterName.QUERY_STRING.contains(e.getKey())) {
                body.put(e.getKey(), e.getValue());
            }
        }
        return new EncodedRequest(method, charset, signer.signType(),
                FormEncoding.encode(query, charset.charset()),
                FormEncoding.encode(body, charset.charset()).getBytes(charset.charset()),
                contentType);
    }

    /** Interprets a raw response body, decoding its bytes in the request charset. */
    public PassUpdateOutcome interpret(GatewayMethod method, byte[] body) {
        return interpret(method, new String(body, charset.charset()));
    }

    /**
     * Interprets a raw response body: cuts the response node, checks the signature (required for a
     * success, checked for an error when present), decrypts an encrypted node, and classifies.
     */
    public PassUpdateOutcome interpret(GatewayMethod method, String body) {
        try {
            ResponseEnvelope envelope = ResponseEnvelope.extract(body, method);
            boolean verified = false;
            if (verifier != null && envelope.sign() != null) {
                verifierFor(envelope).verify(envelope, signer.signType(), charset);
                verified = true;
            }
            String nodeText = envelope.encrypted()
                    ? decrypt(envelope)
                    : envelope.signedText();
            JsonNode node = JSON.readTree(nodeText);
            if (node == null || !node.isObject()) {
                return new PassUpdateOutcome.InvalidResponse(method, InvalidResponseException.Reason.UNPARSABLE,
                        envelope.node() + " is not a JSON object");
            }
            String code = text(node, "code");
            if (code == null) {
                return new PassUpdateOutcome.InvalidResponse(method, InvalidResponseException.Reason.UNPARSABLE,
                        envelope.node() + " carries no code");
            }
            if (verifier != null && !verified && GatewayCode.SUCCESS.code().equals(code)) {
                verifierFor(envelope).verify(envelope, signer.signType(), charset); // throws SIGNATURE_MISSING
            }
            return classify(method, node, code);
        } catch (InvalidResponseException e) {
            return new PassUpdateOutcome.InvalidResponse(method, e.reason(), e.getMessage());
        } catch (IOException e) {
            return new PassUpdateOutcome.InvalidResponse(method, InvalidResponseException.Reason.UNPARSABLE,
                    "response node is not valid JSON: " + e.getClass().getSimpleName());
        }
    }

    /**
     * The verifier for an answer: in certificate mode the certificate its {@code alipay_cert_sn}
     * names, fetched once when Alipay has rotated to a certificate not yet held.
     */
    private ResponseVerifier verifierFor(ResponseEnvelope envelope) {
        if (alipayCertificates == null || envelope.alipayCertSn() == null) {
            return verifier; // in certificate mode, refuses the missing alipay_cert_sn
        }
        return alipayCertificates.verifierFor(envelope.alipayCertSn());
    }

    /**
     * Downloads the Alipay certificate with a serial number, as the official client does: a signed
     * {@code alipay.open.app.alipaycert.download} call (without {@code app_auth_token}, as the SDK
     * sends it), whose {@code alipay_cert_content} is the Base64 of the certificate file. Trust in
     * the certificate comes from its chain to the configured root, checked here before anything
     * else. The answer's own signature is checked too when it is signed by a certificate already
     * held or by the downloaded certificate itself; an answer signed by a third, unknown
     * certificate is trusted by the chain alone, as the SDK trusts every download answer.
     */
    private List<java.security.cert.X509Certificate> downloadCertificate(String sn) {
        GatewayMethod method = GatewayMethod.ALIPAYCERT_DOWNLOAD;
        String what = "download of Alipay certificate " + sn;
        GatewayTransport.Reply reply;
        try {
            // Neither app_auth_token nor encryption: the SDK's download request carries neither.
            reply = certificateDownloads.send(encode(method, signedWithToken(method,
                    "{\"alipay_cert_sn\":\"" + sn + "\"}", null, false)));
        } catch (java.io.IOException | RuntimeException e) {
            // A transport that fails unexpectedly must still leave an invalid response, never an escaped exception.
            throw downloadFailed(what + " got no answer (" + e.getClass().getSimpleName() + ")");
        }
        if (reply.status() != 200) {
            throw downloadFailed(what + " answered HTTP " + reply.status());
        }
        ResponseEnvelope envelope;
        JsonNode node;
        try {
            envelope = ResponseEnvelope.extract(new String(reply.body(), charset.charset()), method);
            node = envelope.encrypted() ? null : JSON.readTree(envelope.signedText());
        } catch (InvalidResponseException | IOException e) {
            throw downloadFailed(what + " answered what is not a gateway answer: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw downloadFailed(what + " answered no JSON object");
        }
        String code = text(node, "code");
        if (!GatewayCode.SUCCESS.code().equals(code)) {
            throw downloadFailed(what + " answered code " + code + ", sub_code " + text(node, "sub_code")
                    + (text(node, "sub_msg") == null ? "" : " (" + text(node, "sub_msg") + ")"));
        }
        String content = text(node, "alipay_cert_content");
        List<java.security.cert.X509Certificate> file;
        try {
            file = CertificateReader.certificates(java.util.Base64.getMimeDecoder().decode(content == null ? "" : content),
                    "alipay_cert_content");
        } catch (IllegalArgumentException | GatewayConfigurationException e) {
            throw downloadFailed(what + " answered no readable alipay_cert_content");
        }
        java.security.cert.X509Certificate leaf = file.stream().filter(c -> CertificateSn.of(c).equals(sn)).findFirst()
                .orElseThrow(() -> new InvalidResponseException(InvalidResponseException.Reason.CERT_SN_MISMATCH,
                        what + " answered a certificate with serial " + CertificateSn.of(AlipayCertificateStore.leaf(file))));
        List<java.security.cert.X509Certificate> others = new ArrayList<>(file);
        others.remove(leaf);
        alipayCertificates.trust().check(leaf, others);
        if (envelope.sign() != null && envelope.alipayCertSn() != null) {
            ResponseVerifier signedBy = envelope.alipayCertSn().equals(sn) ? ResponseVerifier.forCertificate(leaf)
                    : alipayCertificates.heldVerifier(envelope.alipayCertSn());
            if (signedBy != null) {
                signedBy.verify(envelope, signer.signType(), charset);
            }
        }
        others.add(0, leaf);
        return others;
    }

    private static InvalidResponseException downloadFailed(String message) {
        return new InvalidResponseException(InvalidResponseException.Reason.CERT_DOWNLOAD_FAILED, message);
    }

    private String decrypt(ResponseEnvelope envelope) {
        if (cipher == null) {
            throw new InvalidResponseException(InvalidResponseException.Reason.UNDECRYPTABLE,
                    "response is encrypted but no AES content key is configured");
        }
        return cipher.decrypt(envelope.encryptedContent(), charset);
    }

    private static PassUpdateOutcome classify(GatewayMethod method, JsonNode node, String code) throws IOException {
        String msg = text(node, "msg");
        String subCode = text(node, "sub_code");
        String subMsg = text(node, "sub_msg");
        PassResult result = result(node.get("result"));
        if (GatewayCode.SUCCESS.code().equals(code)) {
            boolean flaggedFailed = "false".equalsIgnoreCase(text(node, "success"));
            if (result.isSuccess() && !flaggedFailed) {
                return new PassUpdateOutcome.Success(method, code, msg, result);
            }
            String failCode = result.errorCode() != null ? result.errorCode() : subCode;
            String failMsg = result.errorMsg() != null ? result.errorMsg() : subMsg;
            return byDecision(Retryability.ofAnswer(null, failCode), method, code, msg, failCode, failMsg, result);
        }
        return byDecision(Retryability.ofAnswer(code, subCode), method, code, msg, subCode, subMsg, result);
    }

    private static PassUpdateOutcome byDecision(Retryability.Decision decision, GatewayMethod method, String code, String msg,
                                                String subCode, String subMsg, PassResult result) {
        return switch (decision) {
            case SLOW_DOWN -> new PassUpdateOutcome.CallLimited(method, code, msg, subCode, subMsg, null);
            case RETRY -> new PassUpdateOutcome.TransientFailure(method, code, msg, subCode, subMsg, null);
            case FINAL -> new PassUpdateOutcome.BusinessFailure(method, code, msg, subCode, subMsg, result);
        };
    }

    private static PassResult result(JsonNode field) {
        if (field == null || field.isNull()) {
            return PassResult.NONE;
        }
        String raw = field.isTextual() ? field.asText() : field.toString();
        JsonNode r;
        try {
            r = field.isTextual() ? JSON.readTree(raw) : field;
        } catch (IOException e) {
            r = null;
        }
        if (r == null || !r.isObject()) {
            return new PassResult(raw, null, null, null, null, null, null, List.of());
        }
        List<String> tplParams = new ArrayList<>();
        JsonNode params = r.get("tpl_params");
        if (params != null && params.isArray()) {
            params.forEach(p -> tplParams.add(p.asText()));
        }
        return new PassResult(raw, text(r, "serialNumber"), text(r, "passId"), text(r, "operate"),
                text(r, "errorCode"), text(r, "errorMsg"), text(r, "tpl_id"), tplParams);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static void putIfPresent(Map<String, String> params, String name, String value) {
        if (!Blank.is(value)) {
            params.put(name, value);
        }
    }

    @Override
    public String toString() {
        return "GatewayProtocol[app " + appId + ", " + signer.signType() + ", " + charset.wireName()
                + (appCertSn != null ? ", cert mode" + (certificateDownloads != null ? " with downloads" : "") : "") + (cipher != null ? ", AES" : "")
                + (verifier == null ? ", responses NOT verified" : "") + "]";
    }

    /** Builds a {@link GatewayProtocol}; every problem is reported by the option's name. */
    public static final class Builder {
        private String appId;
        private RequestSigner signer;
        private ResponseVerifier verifier;
        private boolean verifyResponses = true;
        private RequestCharset charset = RequestCharset.UTF_8;
        private String appAuthToken;
        private String appCertSn;
        private String alipayRootCertSn;
        private BizContentCipher cipher;
        private Clock clock = Clock.systemUTC();
        private java.security.cert.X509Certificate appCertificate;
        private List<java.security.cert.X509Certificate> alipayRootChain = List.of();
        private List<java.security.cert.X509Certificate> alipayCertificateFile;
        private GatewayTransport certificateDownloads;
        private java.nio.file.Path certificateCacheDir;

        private Builder() {
        }

        /** The app id Alipay assigned ({@code app_id}, at most 32 characters). */
        public Builder appId(String appId) {
            this.appId = appId;
            return this;
        }

        public Builder signer(RequestSigner signer) {
            this.signer = signer;
            return this;
        }

        /** The verifier for responses (public-key or certificate mode). */
        public Builder verifier(ResponseVerifier verifier) {
            this.verifier = verifier;
            return this;
        }

        /** Turns response verification off. Only for gateways that do not sign, such as some test doubles. */
        public Builder verifyResponses(boolean verify) {
            this.verifyResponses = verify;
            return this;
        }

        public Builder charset(RequestCharset charset) {
            this.charset = Objects.requireNonNull(charset, "charset");
            return this;
        }

        /** The default {@code app_auth_token} (an ISV acting for a merchant), or null. */
        public Builder appAuthToken(String token) {
            this.appAuthToken = token;
            return this;
        }

        /** Certificate mode: the app certificate and Alipay's root chain, whose serial numbers are sent and signed. */
        public Builder certificates(java.security.cert.X509Certificate appCertificate, List<java.security.cert.X509Certificate> alipayRootChain) {
            this.appCertSn = CertificateSn.of(appCertificate);
            this.alipayRootCertSn = CertificateSn.ofRootChain(alipayRootChain);
            this.appCertificate = appCertificate;
            this.alipayRootChain = List.copyOf(alipayRootChain);
            return this;
        }

        /**
         * Certificate mode: the content of the Alipay certificate file ({@code alipayCertPublicKey_RSA2.crt}),
         * the certificate answers are verified with, then any intermediate certificates of its chain
         * to the root. Sets the verifier; {@link #verifier(ResponseVerifier) verifier(ResponseVerifier.forCertificate(c))}
         * is the same for a file without intermediates.
         */
        public Builder alipayCertificates(List<java.security.cert.X509Certificate> alipayCertificateFile) {
            if (alipayCertificateFile == null || alipayCertificateFile.isEmpty()) {
                throw new GatewayConfigurationException("alipay-cert holds no certificate");
            }
            this.alipayCertificateFile = List.copyOf(alipayCertificateFile);
            this.verifier = ResponseVerifier.forCertificate(AlipayCertificateStore.leaf(alipayCertificateFile));
            return this;
        }

        /**
         * Certificate mode: the transport that downloads a rotated Alipay certificate
         * ({@code alipay.open.app.alipaycert.download}) when an answer names one not held. Without
         * it, such an answer is an invalid response ({@code CERT_SN_MISMATCH}).
         */
        public Builder certificateDownloads(GatewayTransport transport) {
            this.certificateDownloads = transport;
            return this;
        }

        /** Certificate mode: a folder that keeps downloaded Alipay certificates, so a restart does not fetch them again; null for none. */
        public Builder certificateCacheDir(java.nio.file.Path folder) {
            this.certificateCacheDir = folder;
            return this;
        }

        /** The configured Alipay certificate file: as given, or the verifier's certificate alone. */
        private List<java.security.cert.X509Certificate> alipayCertificateFile() {
            if (alipayCertificateFile != null && verifier.certificate() == AlipayCertificateStore.leaf(alipayCertificateFile)) {
                return alipayCertificateFile;
            }
            return List.of(verifier.certificate());
        }

        /** Encrypts {@code biz_content} (and expects encrypted responses) with this AES content key. */
        public Builder cipher(BizContentCipher cipher) {
            this.cipher = cipher;
            return this;
        }

        /** The clock for {@code timestamp} and for certificate validity; tests fix it. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public GatewayProtocol build() {
            if (Blank.is(appId)) {
                throw new GatewayConfigurationException("app-id is required");
            }
            if (appId.length() > 32) {
                throw new GatewayConfigurationException("app-id must be at most 32 characters, was " + appId.length());
            }
            if (signer == null) {
                throw new GatewayConfigurationException("private-key is required to sign requests");
            }
            if (verifyResponses && verifier == null) {
                throw new GatewayConfigurationException("alipay-public-key (or alipay-cert) is required to verify responses;"
                        + " set verify-response=false only for a gateway that does not sign");
            }
            if (!verifyResponses) {
                verifier = null;
            }
            if (verifier != null) {
                verifier.refuseAppKey(signer.privateKey());
            }
            boolean certRequests = appCertSn != null;
            boolean certResponses = verifier != null && verifier.alipayCertSn() != null;
            if (verifier != null && certRequests != certResponses) {
                throw new GatewayConfigurationException("certificate mode needs app-cert, alipay-cert and alipay-root-cert together");
            }
            return new GatewayProtocol(this);
        }
    }
}
