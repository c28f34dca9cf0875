package io.alipass.camel.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.alipass.camel.gateway.GatewayMethod;
import io.alipass.camel.gateway.InvalidRequestException.Violation;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading merchant JSON into typed, validated updates; each violation names the field and the rule. */
class PassUpdateReaderTest {
    private static final PassUpdateReader READER = new PassUpdateReader(null);
    private static final String SEED_INSTANCE = "{\"serial_number\":\"209919213\",\"channel_id\":\"2088918273\","
            + "\"tpl_params\":\"{\\\"title\\\":\\\"券标题\\\",\\\"channelID\\\":\\\"xxx\\\",\\\"serialNumer\\\":\\\"xxxx\\\"}\","
            + "\"status\":\"USED\",\"verify_code\":\"8612231273\",\"verify_type\":\"wave\"}";
    private static final String SEED_TEMPLATE = "{\"tpl_id\":\"f038871a4b1151e8038bb9277c3d52e3\","
            + "\"tpl_content\":\"{\\\"logo\\\": \\\"\\\",\\\"strip\\\": null,\\\"icon\\\": null,\\\"content\\\": {}}\"}";

    @Test
    void theSeedsInstanceExampleReadsAndWritesBackAsTheSameBizContent() {
        PassUpdate update = READER.read(SEED_INSTANCE, GatewayMethod.PASS_INSTANCE_UPDATE);

        assertEquals(SEED_INSTANCE, update.bizContent());
        assertEquals(GatewayMethod.PASS_INSTANCE_UPDATE, update.method());
    }

    @Test
    void theSeedsTemplateExampleReadsAndWritesBackAsTheSameBizContent() {
        PassUpdate update = READER.read("{\"api\":\"template.update\"," + SEED_TEMPLATE.substring(1), null);

        assertEquals(SEED_TEMPLATE, update.bizContent());
    }

    @Test
    void tplParamsGivenAsAnObjectIsSentAsItsJsonString() {
        PassUpdate update = READER.read("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"tpl_params\":{\"title\":\"券标题\",\"n\":3}}",
                GatewayMethod.PASS_INSTANCE_UPDATE);

        assertEquals("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"tpl_params\":\"{\\\"title\\\":\\\"券标题\\\",\\\"n\\\":3}\"}", update.bizContent());
    }

    @Test
    void tplContentGivenAsAnObjectIsSentAsItsJsonString() {
        TemplateUpdate update = assertInstanceOf(TemplateUpdate.class,
                READER.read("{\"tpl_id\":\"t1\",\"tpl_content\":{\"logo\":\"\",\"content\":{}}}", GatewayMethod.PASS_TEMPLATE_UPDATE));

        assertEquals("{\"logo\":\"\",\"content\":{}}", update.tplContent());
    }

    @Test
    void theDefaultChannelIdFillsARecordWithoutOne() {
        InstanceUpdate update = assertInstanceOf(InstanceUpdate.class,
                new PassUpdateReader("2088000000000001").read("{\"serial_number\":\"1\"}", GatewayMethod.PASS_INSTANCE_UPDATE));

        assertEquals("2088000000000001", update.channelId());
    }

    @Test
    void anEmptyVerifyTypeWithoutVerifyCodeMeansNeitherIsSent() {
        InstanceUpdate update = assertInstanceOf(InstanceUpdate.class,
                READER.read("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"verify_type\":\"\"}", GatewayMethod.PASS_INSTANCE_UPDATE));

        assertEquals(null, update.verifyType());
    }

    static Stream<Arguments> instanceViolations() {
        String emoji = "\uD83D\uDE00";
        return Stream.of(
                Arguments.of("{\"channel_id\":\"2\"}", "serial_number", "is required", null),
                Arguments.of("{\"serial_number\":\"1\"}", "channel_id", "is required", null),
                Arguments.of("{\"serial_number\":\"   \",\"channel_id\":\"2\"}", "serial_number", "is required", null),
                Arguments.of("{\"serial_number\":\"" + "9".repeat(1000) + "\",\"channel_id\":\"2\"}", "serial_number", "at most 999 characters", null),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"" + "2".repeat(1000) + "\"}", "channel_id", "at most 999 characters", null),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"verify_code\":\"" + "8".repeat(1000) + "\",\"verify_type\":\"input\"}",
                        "verify_code", "at most 999 characters", null),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"tpl_params\":{\"t\":\"" + "x".repeat(99_993) + "\"}}",
                        "tpl_params", "at most 99999 characters", null),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"status\":\"ACTIVE\"}", "status", "must be one of USED, CLOSED", "KP.AE_ALIPASS_PARAMS_VALUE_INVAILD"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"status\":\"used\"}", "status", "must be one of USED, CLOSED", "KP.AE_ALIPASS_PARAMS_VALUE_INVAILD"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"verify_code\":\"8\",\"verify_type\":\"nfc\"}", "verify_type",
                        "must be one of wave, qrcode, barcode, input", "KP.AE_ALIPASS_PARAMS_VALUE_INVAILD"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"verify_code\":\"8\",\"verify_type\":\"WAVE\"}", "verify_type",
                        "must be one of wave, qrcode, barcode, input", "KP.AE_ALIPASS_PARAMS_VALUE_INVAILD"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"verify_code\":\"8\"}", "verify_type",
                        "verify_code and verify_type must be sent together", "KP.AE_ALIPASS_PARAMS_VALUE_INVAILD"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"verify_type\":\"qrcode\"}", "verify_code",
                        "verify_code and verify_type must be sent together", "KP.AE_ALIPASS_PARAMS_VALUE_INVAILD"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"tpl_params\":\"{title:\"}", "tpl_params", "must be valid JSON",
                        "KP.AE_ALIPASS_PARAMS_FORMAT_ERROR"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"tpl_params\":\"[\\\"a\\\"]\"}", "tpl_params", "must be a JSON object",
                        "KP.AE_ALIPASS_PARAMS_FORMAT_ERROR"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"tpl_params\":[1]}", "tpl_params", "must be a JSON object", null),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"tpl_params\":{\"title\":null}}", "tpl_params.title", "must not be null",
                        "KP.AE_ALIPASS_PARAME_IS_NULL"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"tpl_params\":\"{\\\"a\\\":1,\\\"a\\\":2}\"}", "tpl_params.a", "must not repeat a key",
                        "KP.AE_ALIPASS_PARAMS_FORMAT_ERROR"),
                Arguments.of("{\"serial_number\":\"SN" + emoji + "\",\"channel_id\":\"2\"}", "serial_number", "U+1F600", "KP.AE_ALIPASS_CHAR_NOT_GBK"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"tpl_params\":{\"title\":\"券" + emoji + "\"}}", "tpl_params",
                        "must hold only GBK characters", "KP.AE_ALIPASS_CHAR_NOT_GBK"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"tpl_params\":\"{\\\"title\\\":\\\"\\\\ud83d\\\\ude00\\\"}\"}", "tpl_params",
                        "must hold only GBK characters", "KP.AE_ALIPASS_CHAR_NOT_GBK"),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"verify_code\":\"8" + emoji + "\",\"verify_type\":\"input\"}", "verify_code",
                        "must hold only GBK characters", "KP.AE_ALIPASS_CHAR_NOT_GBK"),
                Arguments.of("{\"serial_number\":1,\"channel_id\":\"2\"}", "serial_number", "must be a JSON string", null),
                Arguments.of("{\"serial_number\":\"1\",\"channel_id\":\"2\",\"stauts\":\"USED\"}", "stauts", "is not a field of alipay.pass.instance.update", null));
    }

    @ParameterizedTest(name = "{1} {2}: {0}")
    @MethodSource("instanceViolations")
    void anInstanceUpdateBreakingARuleNamesTheFieldAndTheRule(String json, String field, String rule, String gatewayCode) {
        assertViolation(() -> READER.read(json, GatewayMethod.PASS_INSTANCE_UPDATE), field, rule, gatewayCode);
    }

    static Stream<Arguments> templateViolations() {
        return Stream.of(
                Arguments.of("{\"tpl_content\":{}}", "tpl_id", "is required", "KP.AE_ALIPASS_TEMPLATE_NOT_EXIST"),
                Arguments.of("{\"tpl_id\":\"t1\"}", "tpl_content", "is required", "KP.AE_ALIPASS_TEMPLATE_CONTENT_IS_BLANK"),
                Arguments.of("{\"tpl_id\":\"" + "t".repeat(1000) + "\",\"tpl_content\":{}}", "tpl_id", "at most 999 characters", null),
                Arguments.of("{\"tpl_id\":\"t1\",\"tpl_content\":{\"logo\":\"" + "x".repeat(99_990) + "\"}}", "tpl_content", "at most 99999 characters", null),
                Arguments.of("{\"tpl_id\":\"t1\",\"tpl_content\":\"{logo}\"}", "tpl_content", "must be valid JSON", "KP.AE_ALIPASS_TEMPLATE_CONTENT_FORMAT_ERR"),
                Arguments.of("{\"tpl_id\":\"t1\",\"tpl_content\":\"[]\"}", "tpl_content", "must be a JSON object", "KP.AE_ALIPASS_TEMPLATE_CONTENT_FORMAT_ERR"),
                Arguments.of("{\"tpl_id\":\"t1\",\"tpl_content\":{\"logo\":\"\uD83C\uDF89\"}}", "tpl_content", "must hold only GBK characters",
                        "KP.AE_ALIPASS_CHAR_NOT_GBK"),
                Arguments.of("{\"tpl_id\":\"t1\",\"tpl_content\":\"{\\\"logo\\\":\\\"\\\\ud83c\\\\udf89\\\"}\"}", "tpl_content", "must hold only GBK characters",
                        "KP.AE_ALIPASS_CHAR_NOT_GBK"),
                Arguments.of("{\"tpl_id\":\"t1\",\"tpl_content\":{},\"status\":\"USED\"}", "status", "is not a field of alipay.pass.template.update", null));
    }

    @ParameterizedTest(name = "{1} {2}: {0}")
    @MethodSource("templateViolations")
    void aTemplateUpdateBreakingARuleNamesTheFieldAndTheRule(String json, String field, String rule, String gatewayCode) {
        assertViolation(() -> READER.read(json, GatewayMethod.PASS_TEMPLATE_UPDATE), field, rule, gatewayCode);
    }

    @Test
    void aRecordNamingNoApiIsRefusedWhenNoneIsImplied() {
        assertViolation(() -> READER.read("{\"serial_number\":\"1\"}", null), "api", "is required", null);
    }

    @Test
    void everyViolationOfARecordIsReportedAtOnce() {
        InvalidPassUpdateException e = assertThrows(InvalidPassUpdateException.class,
                () -> READER.read("{\"status\":\"OPEN\",\"verify_code\":\"1\"}", GatewayMethod.PASS_INSTANCE_UPDATE));

        assertEquals(4, e.violations().size(), e.getMessage());
    }

    @Test
    void textThatIsNotJsonIsOneViolation() {
        assertViolation(() -> READER.read("serial_number=1", GatewayMethod.PASS_INSTANCE_UPDATE), "$", "must be valid JSON", null);
    }

    static void assertViolation(org.junit.jupiter.api.function.Executable read, String field, String rule, String gatewayCode) {
        InvalidPassUpdateException e = assertThrows(InvalidPassUpdateException.class, read);
        Violation v = e.violations().stream().filter(x -> x.field().equals(field)).findFirst()
                .orElseThrow(() -> new AssertionError("no violation of " + field + " in: " + e.getMessage()));
        assertTrue(v.rule().contains(rule), v.message());
        assertEquals(gatewayCode, v.gatewayCode(), v.message());
        assertTrue(e.getMessage().contains(field + ": "), e.getMessage());
    }
}
