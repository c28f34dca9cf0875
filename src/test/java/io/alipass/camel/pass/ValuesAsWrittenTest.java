package io.alipass.camel.pass;

import static io.alipass.camel.pass.PassUpdateReaderTest.assertViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.GatewayMethod;
import org.junit.jupiter.api.Test;

/** Issue 11: values reach biz_content as the merchant wrote them, and one validation holds whatever the layout. */
class ValuesAsWrittenTest {
    private static final PassUpdateReader READER = new PassUpdateReader("2088000000000001");

    private static InstanceUpdate instance(String json) {
        return (InstanceUpdate) READER.read(json, GatewayMethod.PASS_INSTANCE_UPDATE);
    }

    @Test
    void numbersInTplParamsAreSentWithTheirLiteralText() {
        InstanceUpdate u = instance("{\"serial_number\":\"1\",\"tpl_params\":{\"price\":12.50,\"n\":1e2,\"big\":1e400,\"i\":007.0}}".replace("007.0", "7.0"));
        assertEquals("{\"price\":12.50,\"n\":1e2,\"big\":1e400,\"i\":7.0}", u.tplParams());
        assertTrue(u.bizContent().contains("12.50"), u.bizContent());
    }

    @Test
    void aPrettyPrintedTplParamsObjectLosesOnlyItsWhiteSpace() {
        InstanceUpdate u = instance("{\"serial_number\":\"1\",\n \"tpl_params\": {\n   \"title\": \"券\",\n   \"amount\": 0.10\n }\n}");
        assertEquals("{\"title\":\"券\",\"amount\":0.10}", u.tplParams());
    }

    @Test
    void numbersInTplContentAreSentWithTheirLiteralText() {
        TemplateUpdate u = (TemplateUpdate) READER.read("{\"tpl_id\":\"t1\",\"tpl_content\":{\"logo\":\"l\",\"w\":1.50}}", GatewayMethod.PASS_TEMPLATE_UPDATE);
        assertEquals("{\"logo\":\"l\",\"w\":1.50}", u.tplContent());
    }

    @Test
    void aDuplicateKeyInsideTplParamsNamesItsPath() {
        assertViolation(() -> instance("{\"serial_number\":\"1\",\"tpl_params\":{\"title\":\"a\",\"title\":\"b\"}}"),
                "tpl_params.title", "must not repeat a key", null);
    }

    @Test
    void aDuplicateTopLevelKeyNamesTheKey() {
        assertViolation(() -> instance("{\"serial_number\":\"1\",\"serial_number\":\"2\"}"), "serial_number", "must not repeat a key", null);
    }

    @Test
    void aNulInTheSerialNumberIsRefused() {
        assertViolation(() -> instance("{\"serial_number\":\"1\\u0000\"}"), "serial_number", "must not hold control characters", "KP.AE_ALIPASS_PARAMS_VALUE_INVAILD");
    }

    @Test
    void aControlCharacterInTheVerifyCodeIsRefused() {
        assertViolation(() -> instance("{\"serial_number\":\"1\",\"verify_code\":\"8\\u001b\",\"verify_type\":\"input\"}"), "verify_code",
                "must not hold control characters", "KP.AE_ALIPASS_PARAMS_VALUE_INVAILD");
    }

    @Test
    void aDeleteCharacterInATplParamsValueIsRefusedNamingTheValue() {
        assertViolation(() -> instance("{\"serial_number\":\"1\",\"tpl_params\":{\"title\":\"a\\u007fb\"}}"), "tpl_params.title",
                "must not hold control characters", "KP.AE_ALIPASS_PARAMS_VALUE_INVAILD");
    }

    @Test
    void aNulInATplParamsStringFormIsRefused() {
        assertViolation(() -> instance("{\"serial_number\":\"1\",\"tpl_params\":\"{\\\"title\\\":\\\"a\\\\u0000\\\"}\"}"), "tpl_params.title",
                "must not hold control characters", "KP.AE_ALIPASS_PARAMS_VALUE_INVAILD");
    }

    @Test
    void aControlCharacterInTheApiFieldIsRefused() {
        assertViolation(() -> READER.read("{\"api\":\"instance.update\\u0000\",\"serial_number\":\"1\"}", null), "api", "must be", null);
    }

    @Test
    void lineBreaksAndTabsInsideTplParamsStringsAreAllowed() {
        InstanceUpdate u = instance("{\"serial_number\":\"1\",\"tpl_params\":{\"desc\":\"line 1\\nline 2\\tend\\r\"}}");
        assertTrue(u.tplParams().contains("\\n"), u.tplParams());
    }

    @Test
    void aNullChannelIdIsAbsentAndTakesTheDefault() {
        assertEquals("2088000000000001", instance("{\"serial_number\":\"1\",\"channel_id\":null}").channelId());
    }

    @Test
    void aNumberOverTheParserLimitIsReportedInAUsersWords() {
        String rule = ruleFor("{\"serial_number\":\"1\",\"tpl_params\":{\"n\":" + "9".repeat(1200) + "}}");
        assertTrue(rule.contains("a number is too long: 1200 characters, at most 1000"), rule);
        assertFalse(rule.contains("StreamReadConstraints"), rule);
    }

    @Test
    void nestingOverTheParserLimitIsReportedInAUsersWords() {
        String rule = ruleFor("{\"serial_number\":\"1\",\"x\":" + "[".repeat(1500) + "]".repeat(1500) + "}");
        assertTrue(rule.contains("nest too deep"), rule);
        assertFalse(rule.contains("StreamReadConstraints"), rule);
    }

    @Test
    void aKeyOverTheParserLimitIsReportedInAUsersWords() {
        String rule = ruleFor("{\"serial_number\":\"1\",\"" + "k".repeat(60_000) + "\":1}");
        assertTrue(rule.contains("a key is too long"), rule);
    }

    private static String ruleFor(String json) {
        InvalidPassUpdateException e = org.junit.jupiter.api.Assertions.assertThrows(InvalidPassUpdateException.class, () -> instance(json));
        return e.violations().get(0).rule();
    }
}
