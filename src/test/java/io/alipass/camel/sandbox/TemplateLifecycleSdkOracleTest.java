package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.api.AlipayApiException;
import com.alipay.api.AlipayClient;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.request.AlipayPassInstanceAddRequest;
import com.alipay.api.request.AlipayPassInstanceUpdateRequest;
import com.alipay.api.request.AlipayPassTemplateAddRequest;
import com.alipay.api.request.AlipayPassTemplateUpdateRequest;
import com.alipay.api.response.AlipayPassInstanceAddResponse;
import com.alipay.api.response.AlipayPassInstanceUpdateResponse;
import com.alipay.api.response.AlipayPassTemplateAddResponse;
import com.alipay.api.response.AlipayPassTemplateUpdateResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole life of a template in Alipay's own template format, where {@code fileInfo},
 * {@code platform} and the other parts sit inside {@code content}, driven by the official client:
 * template.add, instance.add with the serial number and channel in {@code tpl_params},
 * instance.update with that serial number and channel, template.update. And the call quota's
 * {@code 40005}, which the official client must be able to verify like any answer.
 */
class TemplateLifecycleSdkOracleTest {
    static final String APP_ID = "2021000000000031";
    static final ObjectMapper JSON = new ObjectMapper();
    static KeyPair app;
    static SandboxGateway sandbox;

    /** The template-format example: every part inside {@code content}. */
    static final String TEMPLATE = """
            {"logo":"https://example.com/logo.png","strip":null,"icon":null,
             "content":{
               "evoucherInfo":{"title":"$title$","type":"coupon","product":"free","startDate":"$startDate$","endDate":"$endDate$",
                 "operation":[{"format":"barcode","message":"$code$","messageEncoding":"UTF-8","altText":"$code$"}],
                 "einfo":{"logoText":"会员券","headFields":[{"key":"status","label":"状态","value":"可使用","type":"text"}]}},
               "merchant":{"mname":"示例商户","mtel":"","minfo":""},
               "platform":{"channelID":"$channelID$","webServiceUrl":""},
               "style":{"backgroundColor":"RGB(26,150,219)"},
               "fileInfo":{"formatVersion":"2","canShare":true,"canBuy":false,"canPresent":true,"serialNumber":"$serialNumber$",
                 "supportTaxi":"true","taxiSchemaUrl":""},
               "appInfo":{"app":{"android_appid":"","ios_appid":"","android_launch":"","ios_launch":"","android_download":"",
                 "ios_download":""},"label":"","message":""}}}""";

    @BeforeAll
    static void start() {
        app = RawCall.rsaKeyPair();
        sandbox = SandboxGateway.start(TestSandboxes.settings().callLimit(5).build());
        sandbox.registerApp(APP_ID, app.getPublic());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static AlipayClient client() {
        return new DefaultAlipayClient(sandbox.url(), APP_ID, Base64.getEncoder().encodeToString(app.getPrivate().getEncoded()),
                "json", "UTF-8", sandbox.alipayPublicKeyBase64(), "RSA2");
    }

    /** Waits for the next second of the quota, so that a lifecycle of four calls does not meet it. */
    static void freshQuotaSecond() throws InterruptedException {
        Thread.sleep(1100);
    }

    @Test
    void theOfficialClientAddsIssuesUpdatesAndChangesATemplateInTheAlipassFormat() throws Exception {
        freshQuotaSecond();
        AlipayClient client = client();
        ObjectNode addTemplate = JSON.createObjectNode().put("unique_id", "lifecycle-" + System.nanoTime()).put("tpl_content", TEMPLATE);
        AlipayPassTemplateAddRequest templateAdd = new AlipayPassTemplateAddRequest();
        templateAdd.setBizContent(addTemplate.toString());
        AlipayPassTemplateAddResponse added = client.execute(templateAdd);
        assertTrue(added.isSuccess(), added.getBody());
        String tplId = JSON.readTree(added.getResult()).get("tpl_id").asText();

        ObjectNode params = JSON.createObjectNode().put("title", "九折券").put("startDate", "2026-12-01 00:00:00")
                .put("endDate", "2026-12-31 23:59:59").put("code", "1234567890").put("serialNumber", "LIFE-0001")
                .put("channelID", "2088000000000031");
        ObjectNode addInstance = JSON.createObjectNode().put("tpl_id", tplId).put("tpl_params", params.toString())
                .put("recognition_type", "2");
        addInstance.putObject("recognition_info").put("user_id", "2088102000000001");
        AlipayPassInstanceAddRequest instanceAdd = new AlipayPassInstanceAddRequest();
        instanceAdd.setBizContent(addInstance.toString());
        AlipayPassInstanceAddResponse issued = client.execute(instanceAdd);
        assertTrue(issued.isSuccess(), issued.getBody());
        assertTrue(sandbox.state().pass("LIFE-0001", "2088000000000031").isPresent(),
                "the pass is filed under the serial number and channel the template's content names");

        AlipayPassInstanceUpdateRequest instanceUpdate = new AlipayPassInstanceUpdateRequest();
        instanceUpdate.setBizContent("{\"serial_number\":\"LIFE-0001\",\"channel_id\":\"2088000000000031\",\"status\":\"USED\"}");
        AlipayPassInstanceUpdateResponse updated = client.execute(instanceUpdate);
        assertTrue(updated.isSuccess(), updated.getBody());
        assertEquals(PassLifecycle.USED, sandbox.state().pass("LIFE-0001", "2088000000000031").orElseThrow().lifecycle());

        AlipayPassTemplateUpdateRequest templateUpdate = new AlipayPassTemplateUpdateRequest();
        templateUpdate.setBizContent(JSON.createObjectNode().put("tpl_id", tplId)
                .put("tpl_content", TEMPLATE.replace("示例商户", "新商户")).toString());
        AlipayPassTemplateUpdateResponse changed = client.execute(templateUpdate);
        assertTrue(changed.isSuccess(), changed.getBody());
        assertTrue(sandbox.state().template(tplId).orElseThrow().content().contains("新商户"));
    }

    @Test
    void aCallBeyondTheQuotaIsASignedCallLimitedAnswerTheOfficialClientVerifies() throws Exception {
        freshQuotaSecond();
        AlipayClient client = client();
        AlipayPassInstanceUpdateResponse last = null;
        for (int i = 0; i < 12 && (last == null || last.isSuccess() || !"40005".equals(last.getCode())); i++) {
            AlipayPassInstanceUpdateRequest request = new AlipayPassInstanceUpdateRequest();
            request.setBizContent("{\"serial_number\":\"NONE-" + i + "\",\"channel_id\":\"2088000000000031\",\"status\":\"USED\"}");
            last = client.execute(request); // throws AlipayApiException if the answer's signature does not verify
        }
        assertFalse(last.isSuccess());
        assertEquals("40005", last.getCode());
        assertEquals("isv.app-call-limited", last.getSubCode());
        assertTrue(sandbox.callQuota().refused() >= 1);
    }
}
