package io.alipass.camel.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.alipass.camel.gateway.GatewayMethod;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TemplateApiTest {
    static final String APP_ID = "2021000000000002";
    static KeyPair app;
    static SandboxGateway sandbox;

    @BeforeAll
    static void start() {
        app = RawCall.rsaKeyPair();
        sandbox = SandboxGateway.start(TestSandboxes.settings().forbiddenWords(List.of("赌博", "casino")).build());
        sandbox.registerApp(APP_ID, app.getPublic());
        sandbox.state().addTemplate("tpl-seeded", "{\"logo\":\"\",\"evoucherInfo\":{\"title\":\"$title$\"}}");
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    static RawCall.Reply call(GatewayMethod method, String biz) {
        return RawCall.of(APP_ID, method, biz, app.getPrivate()).send(sandbox.url());
    }

    static String update(String tplId, String tplContentJson) {
        return "{\"tpl_id\":\"" + tplId + "\",\"tpl_content\":" + RawCall.JSON.valueToTree(tplContentJson) + "}";
    }

    @Test
    void addReturnsTheTemplateIdAndItsVariables() {
        RawCall.Reply reply = call(GatewayMethod.PASS_TEMPLATE_ADD, "{\"unique_id\":\"u-1\",\"tpl_content\":"
                + RawCall.JSON.valueToTree("{\"evoucherInfo\":{\"title\":\"$title$\",\"endDate\":\"$endDate$\"},\"fileInfo\":{\"serialNumber\":\"$serialNumber$\"}}") + "}");
        assertEquals("10000", reply.code(), reply.body());
        JsonNode result = reply.result();
        assertEquals("KP.AE_SUCCESS", result.path("errorCode").asText());
        assertEquals("[\"title\",\"endDate\",\"serialNumber\"]", result.path("tpl_params").toString());
        assertTrue(sandbox.state().template(result.path("tpl_id").asText()).isPresent());
    }

    @Test
    void addWithTheSameUniqueIdReturnsTheSameTemplate() {
        String biz = "{\"unique_id\":\"u-twice\",\"tpl_content\":\"{\\\"logo\\\":\\\"\\\"}\"}";
        String first = call(GatewayMethod.PASS_TEMPLATE_ADD, biz).result().path("tpl_id").asText();
        String second = call(GatewayMethod.PASS_TEMPLATE_ADD, biz).result().path("tpl_id").asText();
        assertEquals(first, second);
    }

    @Test
    void addWithoutUniqueIdIsRefused() {
        assertEquals("KP.AE_ALIPASS_TEMPLATE_UNIQUE_ID_IS_BLANK",
                call(GatewayMethod.PASS_TEMPLATE_ADD, "{\"tpl_content\":\"{}\"}").subCode());
    }

    @Test
    void updateOfAnUnknownTemplateIsTemplateNotExist() {
        RawCall.Reply reply = call(GatewayMethod.PASS_TEMPLATE_UPDATE, update("no-such-template", "{\"logo\":\"\"}"));
        assertEquals("40004", reply.code());
        assertEquals("KP.AE_ALIPASS_TEMPLATE_NOT_EXIST", reply.subCode());
    }

    @Test
    void updateWithBlankContentIsContentIsBlank() {
        assertEquals("KP.AE_ALIPASS_TEMPLATE_CONTENT_IS_BLANK",
                call(GatewayMethod.PASS_TEMPLATE_UPDATE, "{\"tpl_id\":\"tpl-seeded\",\"tpl_content\":\"  \"}").subCode());
    }

    @Test
    void updateWithMalformedContentIsContentFormatErr() {
        assertEquals("KP.AE_ALIPASS_TEMPLATE_CONTENT_FORMAT_ERR",
                call(GatewayMethod.PASS_TEMPLATE_UPDATE, update("tpl-seeded", "{\"logo\": ")).subCode());
    }

    @Test
    void updateWithContentThatIsNotAnObjectIsContentFormatErr() {
        assertEquals("KP.AE_ALIPASS_TEMPLATE_CONTENT_FORMAT_ERR",
                call(GatewayMethod.PASS_TEMPLATE_UPDATE, update("tpl-seeded", "[1,2]")).subCode());
    }

    @Test
    void updateWithAnUnknownPropertyIsUnrecognizeProperty() {
        assertEquals("KP.AE_ALIPASS_TEMPLATE_UNRECOGNIZE_PROPERTY",
                call(GatewayMethod.PASS_TEMPLATE_UPDATE, update("tpl-seeded", "{\"logo\":\"\",\"colour\":\"red\"}")).subCode());
    }

    @Test
    void updateWithAForbiddenWordIsRefused() {
        assertEquals("KP.AE_ALIPASS_DATA_CONTAIN_FORBIDDEN_WORD",
                call(GatewayMethod.PASS_TEMPLATE_UPDATE, update("tpl-seeded", "{\"evoucherInfo\":{\"title\":\"Casino night\"}}")).subCode());
    }

    @Test
    void updateWithNonGbkTextIsCharNotGbk() {
        assertEquals("KP.AE_ALIPASS_CHAR_NOT_GBK",
                call(GatewayMethod.PASS_TEMPLATE_UPDATE, update("tpl-seeded", "{\"evoucherInfo\":{\"title\":\"\uD83D\uDE00\"}}")).subCode());
    }

    @Test
    void biz_contentThatIsNotJsonIsParamsFormatError() {
        assertEquals("KP.AE_ALIPASS_PARAMS_FORMAT_ERROR", call(GatewayMethod.PASS_TEMPLATE_UPDATE, "tpl_id=1").subCode());
    }

    @Test
    void updateReplacesTheContentAndTheVariables() {
        sandbox.state().addTemplate("tpl-changing", "{\"evoucherInfo\":{\"title\":\"$title$\"}}");
        RawCall.Reply reply = call(GatewayMethod.PASS_TEMPLATE_UPDATE,
                update("tpl-changing", "{\"evoucherInfo\":{\"title\":\"$title$\",\"product\":\"$product$\"}}"));
        assertEquals("[\"title\",\"product\"]", reply.result().path("tpl_params").toString());
        SandboxTemplate stored = sandbox.state().template("tpl-changing").orElseThrow();
        assertEquals(2, stored.revision());
        assertEquals(List.of("title", "product"), stored.tplParams());
    }
}
