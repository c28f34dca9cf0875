package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.CertAlipayRequest;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayPassInstanceUpdateModel;
import com.alipay.api.request.AlipayPassInstanceAddRequest;
import com.alipay.api.request.AlipayPassInstanceUpdateRequest;
import com.alipay.api.request.AlipayPassTemplateAddRequest;
import com.alipay.api.request.AlipayPassTemplateUpdateRequest;
import com.alipay.api.response.AlipayPassInstanceUpdateResponse;
import com.alipay.api.response.AlipayPassTemplateUpdateResponse;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle nobody here wrote: the official alipay-sdk-java client, with response-signature
 * checking on, against the sandbox.
 */
class OfficialSdkOracleTest {
    static final String APP_ID = "2021000000000007";
    static final String CERT_APP_ID = "2021000000000008";
    static final String CHANNEL = "2088000000000007";
    static KeyPair app;
    static KeyPair otherApp;
    static SandboxGateway sandbox;

    @BeforeAll
    static void start() {
        app = RawCall.rsaKeyPair();
        otherApp = RawCall.rsaKeyPair();
        sandbox = TestSandboxes.start();
        sandbox.registerApp(APP_ID, app.getPublic());
        sandbox.state().addTemplate("tpl-sdk", "{\"logo\":\"\",\"evoucherInfo\":{\"title\":\"$title$\"}}");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void noFaults() {
        sandbox.faults().reset();
    }

    static AlipayClient client(String charset, String signType) {
        return client(app, charset, signType);
    }

    static AlipayClient client(KeyPair keys, String charset, String signType) {
        return new DefaultAlipayClient(sandbox.url(), APP_ID, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()),
                "json", charset, sandbox.alipayPublicKeyBase64(), signType);
    }

    static String seedPass(String serial) {
        sandbox.state().addPass("tpl-sdk", serial, CHANNEL, Map.of("title", "t"));
        return "{\"serial_number\":\"" + serial + "\",\"channel_id\":\"" + CHANNEL + "\",\"status\":\"USED\","
                + "\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}";
    }

    static AlipayPassInstanceUpdateResponse updateInstance(AlipayClient client, String biz) throws AlipayApiException {
        AlipayPassInstanceUpdateRequest request = new AlipayPassInstanceUpdateRequest();
        request.setBizContent(biz);
        return client.execute(request);
    }

    static AlipayPassTemplateUpdateResponse updateTemplate(AlipayClient client, String tplId) throws AlipayApiException {
        AlipayPassTemplateUpdateRequest request = new AlipayPassTemplateUpdateRequest();
        request.setBizContent("{\"tpl_id\":\"" + tplId + "\",\"tpl_content\":\"{\\\"logo\\\": \\\"\\\",\\\"strip\\\": null,\\\"icon\\\": null,\\\"content\\\": {}}\"}");
        return client.execute(request);
    }

    @Test
    void templateUpdateSucceedsWithRsa2AndUtf8() throws AlipayApiException {
        AlipayPassTemplateUpdateResponse response = updateTemplate(client("UTF-8", "RSA2"), "tpl-sdk");
        assertTrue(response.isSuccess(), response.getBody());
        // The client cannot bind "success" (AlipayResponse.isSuccess() shadows it), so read it from the body.
        assertTrue(response.getBody().contains("\"success\":\"true\""), response.getBody());
        assertTrue(response.getResult().contains("\"tpl_id\":\"tpl-sdk\""));
    }

    @Test
    void instanceUpdateSucceedsWithRsa2AndUtf8() throws AlipayApiException {
        AlipayPassInstanceUpdateResponse response = updateInstance(client("UTF-8", "RSA2"), seedPass("SN-SDK-1"));
        assertTrue(response.isSuccess(), response.getBody());
        assertEquals(PassLifecycle.USED, sandbox.state().pass("SN-SDK-1", CHANNEL).orElseThrow().lifecycle());
    }

    @Test
    void instanceUpdateSucceedsWithRsaAndGbk() throws AlipayApiException {
        AlipayPassInstanceUpdateResponse response = updateInstance(client("GBK", "RSA"),
                seedPass("SN-SDK-GBK").replace("\"status\"", "\"tpl_params\":\"{\\\"title\\\":\\\"券标题\\\"}\",\"status\""));
        assertTrue(response.isSuccess(), response.getBody());
        assertEquals("券标题", sandbox.state().pass("SN-SDK-GBK", CHANNEL).orElseThrow().tplParams().get("title"));
    }

    @Test
    void aModelWithSlashesEscapedByTheSdkStillVerifies() throws AlipayApiException {
        sandbox.state().addPass("tpl-sdk", "SN/SDK/2", CHANNEL, Map.of("title", "t"));
        AlipayPassInstanceUpdateModel model = new AlipayPassInstanceUpdateModel();
        model.setSerialNumber("SN/SDK/2");
        model.setChannelId(CHANNEL);
        model.setStatus("CLOSED");
        AlipayPassInstanceUpdateRequest request = new AlipayPassInstanceUpdateRequest();
        request.setBizModel(model);
        assertTrue(client("UTF-8", "RSA2").execute(request).isSuccess());
    }

    @Test
    void anUnknownPassIsNotExist() throws AlipayApiException {
        AlipayPassInstanceUpdateResponse response = updateInstance(client("UTF-8", "RSA2"),
                "{\"serial_number\":\"SN-NONE\",\"channel_id\":\"" + CHANNEL + "\",\"status\":\"USED\"}");
        assertFalse(response.isSuccess());
        assertEquals("KP.AE_ALIPASS_NOTEXIST", response.getSubCode());
    }

    @Test
    void anUnknownTemplateIsTemplateNotExist() throws AlipayApiException {
        AlipayPassTemplateUpdateResponse response = updateTemplate(client("UTF-8", "RSA2"), "tpl-none");
        assertFalse(response.isSuccess());
        assertEquals("KP.AE_ALIPASS_TEMPLATE_NOT_EXIST", response.getSubCode());
    }

    @Test
    void aRequestSignedWithAnotherKeyIsInvalidSignature() throws AlipayApiException {
        AlipayPassTemplateUpdateResponse response = updateTemplate(client(otherApp, "UTF-8", "RSA2"), "tpl-sdk");
        assertFalse(response.isSuccess());
        assertEquals("isv.invalid-signature", response.getSubCode());
    }

    @Test
    void anUnregisteredAppIsInvalidAppId() throws AlipayApiException {
        AlipayClient stranger = new DefaultAlipayClient(sandbox.url(), "2021009999999999",
                Base64.getEncoder().encodeToString(app.getPrivate().getEncoded()), "json", "UTF-8", sandbox.alipayPublicKeyBase64(), "RSA2");
        AlipayPassTemplateUpdateResponse response = updateTemplate(stranger, "tpl-sdk");
        assertEquals("isv.invalid-app-id", response.getSubCode());
    }

    @Test
    void aWrongResponseSignatureIsCaughtByTheSdk() {
        sandbox.faults().next(Fault.WRONG_SIGNATURE, 1);
        AlipayApiException e = assertThrows(AlipayApiException.class, () -> updateTemplate(client("UTF-8", "RSA2"), "tpl-sdk"));
        assertTrue(e.getMessage().contains("sign check fail"), e.getMessage());
    }

    @Test
    void templatesAndPassesCreatedThroughTheSdkCanBeUpdated() throws AlipayApiException {
        AlipayClient client = client("UTF-8", "RSA2");
        AlipayPassTemplateAddRequest addTemplate = new AlipayPassTemplateAddRequest();
        addTemplate.setBizContent("{\"unique_id\":\"sdk-flow\",\"tpl_content\":\"{\\\"evoucherInfo\\\":{\\\"title\\\":\\\"$title$\\\"},"
                + "\\\"fileInfo\\\":{\\\"serialNumber\\\":\\\"$serialNumber$\\\",\\\"channelID\\\":\\\"" + CHANNEL + "\\\"}}\"}");
        var added = client.execute(addTemplate);
        assertTrue(added.isSuccess(), added.getBody());
        String tplId = readTplId(added.getResult());
        AlipayPassInstanceAddRequest addPass = new AlipayPassInstanceAddRequest();
        addPass.setBizContent("{\"tpl_id\":\"" + tplId + "\",\"recognition_type\":\"1\","
                + "\"tpl_params\":\"{\\\"title\\\":\\\"t\\\",\\\"serialNumber\\\":\\\"SN-SDK-FLOW\\\"}\"}");
        assertTrue(client.execute(addPass).isSuccess());
        AlipayPassInstanceUpdateResponse updated = updateInstance(client,
                "{\"serial_number\":\"SN-SDK-FLOW\",\"channel_id\":\"" + CHANNEL + "\",\"status\":\"CLOSED\"}");
        assertTrue(updated.isSuccess(), updated.getBody());
    }

    @Test
    void certificateModeSucceedsWithCertificateExecute() throws Exception {
        String appCertPem = SandboxKeys.pem(sandbox.issueAppCertificate(CERT_APP_ID, app.getPublic()));
        CertAlipayRequest config = new CertAlipayRequest();
        config.setServerUrl(sandbox.url());
        config.setAppId(CERT_APP_ID);
        config.setPrivateKey(Base64.getEncoder().encodeToString(app.getPrivate().getEncoded()));
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        config.setCertContent(appCertPem);
        config.setAlipayPublicCertContent(sandbox.alipayCertificatePem());
        config.setRootCertContent(sandbox.alipayRootCertificatesPem());
        AlipayClient client = new DefaultAlipayClient(config);
        AlipayPassTemplateUpdateRequest request = new AlipayPassTemplateUpdateRequest();
        request.setBizContent("{\"tpl_id\":\"tpl-sdk\",\"tpl_content\":\"{\\\"logo\\\":\\\"\\\"}\"}");
        AlipayPassTemplateUpdateResponse response = client.certificateExecute(request);
        assertTrue(response.isSuccess(), response.getBody());
    }

    private static String readTplId(String result) {
        try {
            return RawCall.JSON.readTree(result).path("tpl_id").asText();
        } catch (Exception e) {
            throw new AssertionError(result, e);
        }
    }
}
