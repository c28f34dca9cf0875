package io.alipass.camel.pass;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Writes {@code biz_content}: a compact JSON object, fields in the API page's order, null fields
 * left out, non-ASCII characters written as themselves (they are signed in the request charset).
 */
final class BizContentWriter {
    private static final JsonFactory FACTORY = new JsonFactory();
    private final StringWriter out = new StringWriter(128);
    private final JsonGenerator gen;

    private BizContentWriter() {
        try {
            gen = FACTORY.createGenerator(out);
            gen.writeStartObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BizContentWriter object() {
        return new BizContentWriter();
    }

    BizContentWriter field(PassField field, String value) {
        if (value != null) {
            try {
                gen.writeStringField(field.wireName(), value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return this;
    }

    String end() {
        try {
            gen.writeEndObject();
            gen.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
