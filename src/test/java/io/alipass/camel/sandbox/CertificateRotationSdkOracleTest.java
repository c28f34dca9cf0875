package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.CertAlipayRequest;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.internal.util.AlipayLogger;
import com.alipay.api.request.AlipayPassTemplateUpdateRequest;
import com.alipay.api.response.AlipayPassTemplateUpdateResponse;
import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.GatewayProtocol;
import io.alipass.camel.gateway.PassUpdateOutcome;
import io.alipass.camel.gateway.RequestSigner;
import io.alipass.camel.gateway.SignType;

import io.alipass.camel.component.PooledGatewayTransport;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official client as the oracle of a rotation: its {@code certificateExecute} against the
 * sandbox before and after the sandbox switches to a new Alipay certificate succeeds (it downloads
 * the new one with {@code alipay.open.app.alipaycert.download} and checks it with
 * {@code AntCertificationUtil.isTrusted}), which proves the sandbox's download answer right; our
 * protocol core does the same over the same sandbox, and both refuse a certificate that does not
 * chain to the root.
 */
class CertificateRotationSdkOracleTest {
    static final String SDK_APP_ID = "2021000000000141";
    static final String OUR_APP_ID = "2021000000000142";
    static final String TEMPLATE = "tpl-sdk-rotation";
    static final String BIZ = "{\"tpl_id\":\"" + TEMPLATE + "\",\"tpl_content\":\"{\\\"logo\\\":\\\"\\\"}\"}";
    static KeyPair app;

    SandboxGateway sandbox;
    PooledGatewayTransport transport;

    static {
        AlipayLogger.setNeedEnableLogger(false);
    }

    @BeforeAll
    static void keys() {
        app = RawCall.rsaKeyPair();
    }

    @BeforeEach
    void start() {
        sandbox = TestSandboxes.start();
        sandbox.state().addTemplate(TEMPLATE, "{\"logo\":\"\"}");
        transport = PooledGatewayTransport.to(sandbox.url());
    }

    @AfterEach
    void stop() throws IOException {
        transport.close();
        sandbox.close();
    }

    AlipayClient sdkClient() throws AlipayApiException {
        CertAlipayRequest config = new CertAlipayRequest();
        config.setServerUrl(sandbox.url());
        config.setAppId(SDK_APP_ID);
        config.setPrivateKey(Base64.getEncoder().encodeToString(app.getPrivate().getEncoded()));
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        config.setCertContent(SandboxKeys.pem(sandbox.issueAppCertificate(SDK_APP_ID, app.getPublic())));
        config.setAlipayPublicCertContent(sandbox.alipayCertificatePem());
        config.setRootCertContent(sandbox.alipayRootCertificatesPem());
        return new DefaultAlipayClient(config);
    }

    GatewayProtocol ourProtocol() {
        X509Certificate appCert = sandbox.issueAppCertificate(OUR_APP_ID, app.getPublic());
        return GatewayProtocol.builder().appId(OUR_APP_ID).signer(new RequestSigner(app.getPrivate(), SignType.RSA2))
                .certificates(appCert, sandbox.alipayRootCertificates())
                .alipayCertificates(List.of(sandbox.alipayCertificate()))
                .certificateDownloads(transport).build();
    }

    static AlipayPassTemplateUpdateResponse sdkUpdate(AlipayClient client) throws AlipayApiException {
        AlipayPassTemplateUpdateRequest request = new AlipayPassTemplateUpdateRequest();
        request.setBizContent(BIZ);
        return client.certificateExecute(request);
    }

    PassUpdateOutcome ourUpdate(GatewayProtocol p) throws IOException {
        return p.interpret(GatewayMethod.PASS_TEMPLATE_UPDATE, transport.send(p.prepare(GatewayMethod.PASS_TEMPLATE_UPDATE, BIZ)).body());
    }

    int downloads() {
        return sandbox.received().forMethod(GatewayMethod.ALIPAYCERT_DOWNLOAD.name()).size();
    }

    @Test
    void theSdkSucceedsBeforeAndAfterARotationWithOneDownload() throws Exception {
        AlipayClient sdk = sdkClient();
        assertTrue(sdkUpdate(sdk).isSuccess());
        sandbox.rotateAlipayCertificate();
        for (int i = 0; i < 3; i++) {
            AlipayPassTemplateUpdateResponse r = sdkUpdate(sdk);
            assertTrue(r.isSuccess(), r.getBody());
        }
        assertEquals(1, downloads());
    }

    @Test
    void ourProtocolSucceedsBeforeAndAfterTheSameRotationWithOneDownload() throws Exception {
        GatewayProtocol ours = ourProtocol();
        assertInstanceOf(PassUpdateOutcome.Success.class, ourUpdate(ours));
        sandbox.rotateAlipayCertificate();
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(PassUpdateOutcome.Success.class, ourUpdate(ours));
        }
        assertEquals(1, downloads());
    }

    @Test
    void bothRefuseARotatedCertificateThatDoesNotChainToTheRoot() throws Exception {
        AlipayClient sdk = sdkClient();
        GatewayProtocol ours = ourProtocol();
        sandbox.rotateAlipayCertificate(RotatedCertificate.UNTRUSTED);
        assertThrows(AlipayApiException.class, () -> sdkUpdate(sdk));
        assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, ourUpdate(ours));
    }

    @Test
    void bothRefuseAnExpiredRotatedCertificate() throws Exception {
        AlipayClient sdk = sdkClient();
        GatewayProtocol ours = ourProtocol();
        sandbox.rotateAlipayCertificate(RotatedCertificate.EXPIRED);
        assertThrows(AlipayApiException.class, () -> sdkUpdate(sdk));
        assertInstanceOf(PassUpdateOutcome.InvalidResponse.class, ourUpdate(ours));
    }
}
