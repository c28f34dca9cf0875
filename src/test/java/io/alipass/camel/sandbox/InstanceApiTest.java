package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.pass.VerifyType;
import java.security.KeyPair;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InstanceApiTest {
    static final String APP_ID = "2021000000000003";
    static final String CHANNEL = "2088000000000001";
    static final String TEMPLATE = "{\"evoucherInfo\":{\"title\":\"$title$\"},"
            + "\"fileInfo\":{\"serialNumber\":\"$serialNumber$\",\"channelID\":\"$channelID$\"}}";
    static KeyPair app;
    static SandboxGateway sandbox;

    @BeforeAll
    static void start() {
        app = RawCall.rsaKeyPair();
        sandbox = TestSandboxes.start();
        sandbox.registerApp(APP_ID, app.getPublic());
        sandbox.state().addTemplate("tpl-1", TEMPLATE);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static RawCall.Reply call(GatewayMethod method, String biz) {
        return RawCall.of(APP_ID, method, biz, app.getPrivate()).send(sandbox.url());
    }

    /** Seeds a pass with a serial number no other test uses. */
    static String seed(String serial) {
        sandbox.state().addPass("tpl-1", serial, CHANNEL, Map.of("title", "t"));
        return serial;
    }

    static String update(String serial, String more) {
        return "{\"serial_number\":\"" + serial + "\",\"channel_id\":\"" + CHANNEL + "\"" + more + "}";
    }

    @Test
    void addIssuesAPassKeyedByTheTemplatesSerialNumberAndChannel() {
        RawCall.Reply reply = call(GatewayMethod.PASS_INSTANCE_ADD, "{\"tpl_id\":\"tpl-1\",\"recognition_type\":\"1\","
                + "\"tpl_params\":\"{\\\"title\\\":\\\"券\\\",\\\"serialNumber\\\":\\\"SN-ADD\\\",\\\"channelID\\\":\\\"" + CHANNEL + "\\\"}\"}");
        assertEquals("10000", reply.code(), reply.body());
        assertEquals("SN-ADD", reply.result().path("serialNumber").asText());
        assertEquals("ADD", reply.result().path("operate").asText());
        assertEquals(PassLifecycle.ISSUED, sandbox.state().pass("SN-ADD", CHANNEL).orElseThrow().lifecycle());
    }

    @Test
    void addWithoutAValueForATemplateVariableIsParameIsNull() {
        assertEquals("KP.AE_ALIPASS_PARAME_IS_NULL", call(GatewayMethod.PASS_INSTANCE_ADD,
                "{\"tpl_id\":\"tpl-1\",\"recognition_type\":\"1\",\"tpl_params\":\"{\\\"title\\\":\\\"x\\\"}\"}").subCode());
    }

    @Test
    void addFromAnUnknownTemplateIsTemplateNotExist() {
        assertEquals("KP.AE_ALIPASS_TEMPLATE_NOT_EXIST", call(GatewayMethod.PASS_INSTANCE_ADD,
                "{\"tpl_id\":\"nope\",\"recognition_type\":\"1\",\"tpl_params\":\"{}\"}").subCode());
    }

    @Test
    void addWithAnUnknownRecognitionTypeIsNotSupported() {
        assertEquals("KP.AE_ALIPASS_RECOGNITION_TYPE_NOSUPPORT", call(GatewayMethod.PASS_INSTANCE_ADD,
                "{\"tpl_id\":\"tpl-1\",\"recognition_type\":\"9\",\"tpl_params\":\"{}\"}").subCode());
    }

    @Test
    void updateOfAnUnknownPassIsNotExist() {
        RawCall.Reply reply = call(GatewayMethod.PASS_INSTANCE_UPDATE, update("SN-NONE", ",\"status\":\"USED\""));
        assertEquals("40004", reply.code());
        assertEquals("KP.AE_ALIPASS_NOTEXIST", reply.subCode());
    }

    @Test
    void aPassIsFoundBySerialNumberAndChannelTogether() {
        seed("SN-CHANNEL");
        assertEquals("KP.AE_ALIPASS_NOTEXIST", call(GatewayMethod.PASS_INSTANCE_UPDATE,
                "{\"serial_number\":\"SN-CHANNEL\",\"channel_id\":\"2088999999999999\",\"status\":\"USED\"}").subCode());
    }

    @Test
    void updateMarksAPassUsedAndAnswersTheSeedsResultShape() {
        seed("SN-USED");
        RawCall.Reply reply = call(GatewayMethod.PASS_INSTANCE_UPDATE,
                update("SN-USED", ",\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\""));
        assertEquals("10000", reply.code(), reply.body());
        assertEquals("SUCCESS", reply.result().path("errorCode").asText());
        assertEquals("UPDATE", reply.result().path("operate").asText());
        SandboxPass pass = sandbox.state().pass("SN-USED", CHANNEL).orElseThrow();
        assertEquals(PassLifecycle.USED, pass.lifecycle());
        assertEquals(VerifyType.WAVE, pass.verifyType());
    }

    @Test
    void aLaterUpdateSeesTheEarlierOne() {
        seed("SN-TWICE");
        call(GatewayMethod.PASS_INSTANCE_UPDATE, update("SN-TWICE", ",\"tpl_params\":\"{\\\"title\\\":\\\"new\\\"}\""));
        call(GatewayMethod.PASS_INSTANCE_UPDATE, update("SN-TWICE", ",\"status\":\"CLOSED\""));
        SandboxPass pass = sandbox.state().pass("SN-TWICE", CHANNEL).orElseThrow();
        assertEquals("new", pass.tplParams().get("title"));
        assertEquals(PassLifecycle.CLOSED, pass.lifecycle());
        assertEquals(3, pass.revision());
    }

    @Test
    void aClosedPassCannotBeUsed() {
        seed("SN-CLOSED");
        call(GatewayMethod.PASS_INSTANCE_UPDATE, update("SN-CLOSED", ",\"status\":\"CLOSED\""));
        assertEquals("KP.AE_ALIPASS_UPDATE_ERROR",
                call(GatewayMethod.PASS_INSTANCE_UPDATE, update("SN-CLOSED", ",\"status\":\"USED\"")).subCode());
    }

    @Test
    void closingAClosedPassAgainSucceeds() {
        seed("SN-RECLOSE");
        call(GatewayMethod.PASS_INSTANCE_UPDATE, update("SN-RECLOSE", ",\"status\":\"CLOSED\""));
        assertEquals("10000", call(GatewayMethod.PASS_INSTANCE_UPDATE, update("SN-RECLOSE", ",\"status\":\"CLOSED\"")).code());
    }

    @Test
    void nonGbkCharactersAreCharNotGbk() {
        seed("SN-GBK");
        assertEquals("KP.AE_ALIPASS_CHAR_NOT_GBK", call(GatewayMethod.PASS_INSTANCE_UPDATE,
                update("SN-GBK", ",\"tpl_params\":\"{\\\"title\\\":\\\"\uD83C\uDF89\\\"}\"")).subCode());
    }

    @Test
    void malformedTplParamsIsParamsFormatError() {
        seed("SN-MALFORMED");
        assertEquals("KP.AE_ALIPASS_PARAMS_FORMAT_ERROR", call(GatewayMethod.PASS_INSTANCE_UPDATE,
                update("SN-MALFORMED", ",\"tpl_params\":\"{title:\"")).subCode());
    }

    @Test
    void aNullTplParamsValueIsParameIsNull() {
        seed("SN-NULL");
        assertEquals("KP.AE_ALIPASS_PARAME_IS_NULL", call(GatewayMethod.PASS_INSTANCE_UPDATE,
                update("SN-NULL", ",\"tpl_params\":\"{\\\"title\\\":null}\"")).subCode());
    }

    @Test
    void anObjectTplParamsValueIsParamsValueInvalid() {
        seed("SN-NESTED");
        assertEquals("KP.AE_ALIPASS_PARAMS_VALUE_INVAILD", call(GatewayMethod.PASS_INSTANCE_UPDATE,
                update("SN-NESTED", ",\"tpl_params\":\"{\\\"title\\\":{\\\"a\\\":1}}\"")).subCode());
    }

    @Test
    void anUnknownStatusIsParamsValueInvalid() {
        seed("SN-STATUS");
        assertEquals("KP.AE_ALIPASS_PARAMS_VALUE_INVAILD",
                call(GatewayMethod.PASS_INSTANCE_UPDATE, update("SN-STATUS", ",\"status\":\"EXPIRED\"")).subCode());
    }

    @Test
    void anUnknownVerifyTypeIsParamsValueInvalid() {
        seed("SN-VTYPE");
        assertEquals("KP.AE_ALIPASS_PARAMS_VALUE_INVAILD", call(GatewayMethod.PASS_INSTANCE_UPDATE,
                update("SN-VTYPE", ",\"status\":\"USED\",\"verify_code\":\"1\",\"verify_type\":\"nfc\"")).subCode());
    }

    @Test
    void aVerifyCodeWithoutVerifyTypeIsParamsValueInvalid() {
        seed("SN-VPAIR");
        assertEquals("KP.AE_ALIPASS_PARAMS_VALUE_INVAILD",
                call(GatewayMethod.PASS_INSTANCE_UPDATE, update("SN-VPAIR", ",\"verify_code\":\"1\"")).subCode());
    }

    @Test
    void aRefusedUpdateLeavesThePassUnchanged() {
        seed("SN-KEEP");
        call(GatewayMethod.PASS_INSTANCE_UPDATE, update("SN-KEEP", ",\"status\":\"EXPIRED\""));
        SandboxPass pass = sandbox.state().pass("SN-KEEP", CHANNEL).orElseThrow();
        assertEquals(PassLifecycle.ISSUED, pass.lifecycle());
        assertTrue(pass.revision() == 1);
    }
}
