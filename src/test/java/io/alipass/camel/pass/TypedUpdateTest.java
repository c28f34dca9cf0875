package io.alipass.camel.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.alipass.camel.gateway.InvalidRequestException.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The typed records validate themselves, so an invalid update cannot exist. */
class TypedUpdateTest {

    @Test
    void anInstanceUpdateWritesItsFieldsInThePagesOrderAndLeavesAbsentOnesOut() {
        InstanceUpdate update = new InstanceUpdate("209919213", "2088918273", null, PassStatus.CLOSED, null, null, null, null);

        assertEquals("{\"serial_number\":\"209919213\",\"channel_id\":\"2088918273\",\"status\":\"CLOSED\"}", update.bizContent());
    }

    @Test
    void chineseTextIsWrittenAsItselfAndQuotesAreEscaped() {
        InstanceUpdate update = new InstanceUpdate("券/1 \"a\"", "c", "{\"title\":\"券标题\"}", null, "8612231273", VerifyType.BARCODE, null, null);

        assertEquals("{\"serial_number\":\"券/1 \\\"a\\\"\",\"channel_id\":\"c\",\"tpl_params\":\"{\\\"title\\\":\\\"券标题\\\"}\","
                + "\"verify_code\":\"8612231273\",\"verify_type\":\"barcode\"}", update.bizContent());
    }

    @Test
    void blankOptionalFieldsAreAbsent() {
        InstanceUpdate update = new InstanceUpdate("1", "2", " ", null, "", null, "", null);

        assertEquals("{\"serial_number\":\"1\",\"channel_id\":\"2\"}", update.bizContent());
    }

    @Test
    void anInvalidInstanceUpdateCannotBeBuilt() {
        InvalidPassUpdateException e = assertThrows(InvalidPassUpdateException.class,
                () -> new InstanceUpdate(null, "2", null, PassStatus.USED, "8612231273", null, null, null));

        assertEquals(List.of("serial_number", "verify_type"), e.violations().stream().map(Violation::field).toList());
    }

    @Test
    void aTemplateUpdateNeedsBothFields() {
        InvalidPassUpdateException e = assertThrows(InvalidPassUpdateException.class, () -> new TemplateUpdate(" ", null));

        assertEquals(List.of("tpl_id", "tpl_content"), e.violations().stream().map(Violation::field).toList());
    }

    @Test
    void statusAndVerifyTypeAreTheClosedSetsOfThePage() {
        assertEquals(List.of("USED", "CLOSED"), List.of(PassStatus.values()).stream().map(Enum::name).toList());
        assertEquals(List.of("wave", "qrcode", "barcode", "input"), List.of(VerifyType.values()).stream().map(VerifyType::wireName).toList());
    }

    @Test
    void maximumLengthsAreThoseOfTheApiPages() {
        assertEquals(List.of(999, 999, 99999, 99, 999, 99999, 999, 99999),
                List.of(PassField.SERIAL_NUMBER, PassField.CHANNEL_ID, PassField.TPL_PARAMS, PassField.STATUS, PassField.VERIFY_CODE,
                        PassField.VERIFY_TYPE, PassField.TPL_ID, PassField.TPL_CONTENT).stream().map(PassField::maxLength).toList());
    }

    @Test
    void aLengthIsCountedInCharactersNotBytes() {
        String chinese = "券".repeat(999);

        assertEquals(chinese, new InstanceUpdate(chinese, "2", null, null, null, null, null, null).serialNumber());
    }

    @Test
    void toStringShowsNoTemplateParameterValues() {
        InstanceUpdate update = new InstanceUpdate("1", "2", "{\"name\":\"张三\"}", null, null, null, null, null);

        assertFalse(update.toString().contains("张三"));
    }
}
