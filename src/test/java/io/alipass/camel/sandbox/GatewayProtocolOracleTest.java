package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.BizContentCipher;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.PassUpdateOutcome;
import io.alipass.camel.gateway.RequestCharset;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.ResponseVerifier;
import io.alipass.camel.gateway.SignType;
import io.alipass.camel.pass.InstanceUpdate;
import io.alipass.camel.pass.PassStatus;
import io.alipass.camel.pass.TemplateUpdate;
import io.alipass.camel.pass.VerifyType;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our own protocol core (prepare + interpret over java.net.http) against the sandbox. */
class GatewayProtocolOracleTest {
    static final String APP_ID = "2021000000000009";
    static final String CERT_APP_ID = "2021000000000010";
    static final String AES_APP_ID = "2021000000000011";
    static final String CHANNEL = "2088000000000009";
    static final String AES_KEY = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes());
    static KeyPair app;
    static SandboxGateway sandbox;

    @BeforeAll
    static void start() {
        app = RawCall.rsaKeyPair();
        sandbox = TestSandboxes.start();
        sandbox.registerApp(APP_ID, app.getPublic());
        sandbox.registerApp(AES_APP_ID, app.getPublic()).registerAppAesKey(AES_APP_ID, AES_KEY);
        sandbox.state().addTemplate("tpl-core", "{\"logo\":\"\",\"evoucherInfo\":{\"title\":\"$title$\"}}");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static GatewayProtocol.Builder protocol(String appId, SignType type, RequestCharset charset) {
        return GatewayProtocol.builder().appId(appId).signer(new RequestSigner(app.getPrivate(), type)).charset(charset)
                .verifier(new ResponseVerifier(sandbox.alipayPublicKey()));
    }

    static ProtocolClient client(GatewayProtocol protocol) {
        return new ProtocolClient(protocol, sandbox.url());
    }

    static InstanceUpdate used(String serial) {
        sandbox.state().addPass("tpl-core", serial, CHANNEL, Map.of("title", "t"));
        return new InstanceUpdate(serial, CHANNEL, "{\"title\":\"新标题\"}", PassStatus.USED, "8612231273", VerifyType.QRCODE, null, null);
    }

    static PassUpdateOutcome send(ProtocolClient client, io.alipass.camel.pass.PassUpdate update) throws IOException {
        return client.call(update.method(), update.bizContent());
    }

    @Test
    void templateUpdateSucceeds() throws IOException {
        ProtocolClient c = client(protocol(APP_ID, SignType.RSA2, RequestCharset.UTF_8).build());
        PassUpdateOutcome.Success s = assertInstanceOf(PassUpdateOutcome.Success.class,
                send(c, new TemplateUpdate("tpl-core", "{\"logo\":\"\",\"evoucherInfo\":{\"title\":\"$title$\"}}")));
        assertEquals("tpl-core", s.result().tplId());
        assertEquals(java.util.List.of("title"), s.result().tplParams());
    }

    @Test
    void instanceUpdateSucceedsInUtf8WithRsa2() throws IOException {
        ProtocolClient c = client(protocol(APP_ID, SignType.RSA2, RequestCharset.UTF_8).build());
        PassUpdateOutcome.Success s = assertInstanceOf(PassUpdateOutcome.Success.class, send(c, used("SN-CORE-1")));
        assertEquals("SN-CORE-1", s.result().serialNumber());
        assertEquals("新标题", sandbox.state().pass("SN-CORE-1", CHANNEL).orElseThrow().tplParams().get("title"));
    }

    @Test
    void instanceUpdateSucceedsInGbkWithRsa() throws IOException {
        ProtocolClient c = client(protocol(APP_ID, SignType.RSA, RequestCharset.GBK).build());
        assertInstanceOf(PassUpdateOutcome.Success.class, send(c, used("SN-CORE-GBK")));
        assertEquals("新标题", sandbox.state().pass("SN-CORE-GBK", CHANNEL).orElseThrow().tplParams().get("title"));
    }

    @Test
    void anUnknownPassIsABusinessFailureWithNotExist() throws IOException {
        ProtocolClient c = client(protocol(APP_ID, SignType.RSA2, RequestCharset.UTF_8).build());
        PassUpdateOutcome.BusinessFailure f = assertInstanceOf(PassUpdateOutcome.BusinessFailure.class,
                send(c, new InstanceUpdate("SN-CORE-NONE", CHANNEL, null, PassStatus.CLOSED, null, null, null, null)));
        assertEquals("40004", f.code());
        assertEquals("KP.AE_ALIPASS_NOTEXIST", f.subCode());
    }

    @Test
    void anUnknownTemplateIsABusinessFailureWithTemplateNotExist() throws IOException {
        ProtocolClient c = client(protocol(APP_ID, SignType.RSA2, RequestCharset.UTF_8).build());
        assertEquals("KP.AE_ALIPASS_TEMPLATE_NOT_EXIST", send(c, new TemplateUpdate("tpl-none", "{}")).subCode());
    }

    @Test
    void anUnregisteredAppIsInvalidAppId() throws IOException {
        ProtocolClient c = client(protocol("2021009999999999", SignType.RSA2, RequestCharset.UTF_8).build());
        assertEquals("isv.invalid-app-id", send(c, new TemplateUpdate("tpl-core", "{}")).subCode());
    }

    @Test
    void certificateModeSucceeds() throws IOException {
        X509Certificate appCert = sandbox.issueAppCertificate(CERT_APP_ID, app.getPublic());
        GatewayProtocol p = GatewayProtocol.builder().appId(CERT_APP_ID).signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .certificates(appCert, sandbox.alipayRootCertificates())
                .verifier(ResponseVerifier.forCertificate(sandbox.alipayCertificate())).build();
        assertInstanceOf(PassUpdateOutcome.Success.class, send(client(p), used("SN-CORE-CERT")));
    }

    @Test
    void anEncryptedRequestGetsAnEncryptedSignedAnswer() throws IOException {
        GatewayProtocol p = protocol(AES_APP_ID, SignType.RSA2, RequestCharset.UTF_8).cipher(new BizContentCipher(AES_KEY)).build();
        String body = new String(client(p).raw(GatewayMethod.PASS_INSTANCE_UPDATE, used("SN-CORE-AES").bizContent()).body(),
                RequestCharset.UTF_8.charset());
        assertTrue(body.startsWith("{\"alipay_pass_instance_update_response\":\""), body);
        assertEquals("新标题", sandbox.state().pass("SN-CORE-AES", CHANNEL).orElseThrow().tplParams().get("title"));
        assertInstanceOf(PassUpdateOutcome.Success.class, p.interpret(GatewayMethod.PASS_INSTANCE_UPDATE, body));
    }

    @Test
    void anEncryptedRequestFromAnAppWithoutAnAesKeyIsInvalidEncrypt() throws IOException {
        GatewayProtocol p = protocol(APP_ID, SignType.RSA2, RequestCharset.UTF_8).cipher(new BizContentCipher(AES_KEY)).build();
        assertEquals("isv.invalid-encrypt", send(client(p), used("SN-CORE-NOAES")).subCode());
    }
}
