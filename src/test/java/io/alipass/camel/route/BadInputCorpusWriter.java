package io.alipass.camel.route;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the bad-input corpus under {@code src/test/resources/bad-inputs/}: one file per input and
 * {@code index.tsv}, which says for each the field and rule fragment a message source must report,
 * and what the drop folder must do with it as a file. The files are committed; run this again
 * only to change the corpus ({@code java -cp target/test-classes:target/classes
 * io.alipass.camel.route.BadInputCorpusWriter src/test/resources/bad-inputs}). Inputs over 1 MiB
 * are not committed: {@link BadInputCorpus} makes them at test time.
 *
 * <p>Index columns: name, field, rule (what direct, JMS and HTTP must answer), file mode
 * ({@code record}: every record of the file fails with file field and rule; {@code error}: the whole
 * file goes to the error folder with the file rule in its reason), file field, file rule, and the
 * name to drop the file as ({@code -} for its own name; Java escapes). Records whose serial number
 * starts with {@code good-} are valid and must succeed in the drop folder.
 */
public final class BadInputCorpusWriter {
    static final String CHANNEL = "2088000000000001";
    private final List<String> index = new ArrayList<>();
    private final Path dir;
    private int seq;

    private BadInputCorpusWriter(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/bad-inputs");
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        BadInputCorpusWriter w = new BadInputCorpusWriter(dir);
        w.writeAll();
        Files.writeString(dir.resolve("index.tsv"), "# name\tfield\trule\tfile_mode\tfile_field\tfile_rule\tdrop_name\n"
                + String.join("\n", w.index) + "\n", StandardCharsets.UTF_8);
        System.out.println(w.index.size() + " inputs written to " + dir);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static String q(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** An instance update with the given extra "name": raw-json pairs, after a valid serial and channel. */
    private static String inst(String serial, String... kv) {
        StringBuilder sb = new StringBuilder("{\"api\":\"instance.update\"");
        if (serial != null) {
            sb.append(",\"serial_number\":").append(q(serial)).append(",\"channel_id\":").append(q(CHANNEL));
        }
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(',').append(q(kv[i])).append(':').append(kv[i + 1]);
        }
        return sb.append('}').toString();
    }

    private static String tpl(String... kv) {
        StringBuilder sb = new StringBuilder("{\"api\":\"template.update\"");
        for (int i = 0; i < kv.length; i += 2) {
            sb.append(',').append(q(kv[i])).append(':').append(kv[i + 1]);
        }
        return sb.append('}').toString();
    }

    private String name(String category, String ext) {
        return String.format("%s-%03d.%s", category, ++seq, ext);
    }

    /** A bad record: every source reports the same field and rule. */
    private void record(String category, String json, String field, String rule) throws IOException {
        write(name(category, "json"), json.getBytes(StandardCharsets.UTF_8), field, rule, "record", field, rule, "-");
    }

    private void write(String name, byte[] content, String field, String rule, String fileMode, String fileField,
                       String fileRule, String dropName) throws IOException {
        Files.write(dir.resolve(name), content);
        index.add(String.join("\t", name, field, rule, fileMode, fileField, fileRule, dropName));
    }

    private static byte[] bytes(String s, Charset cs) {
        return s.getBytes(cs);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    // ---- the corpus ----------------------------------------------------------------------------

    private void writeAll() throws IOException {
        malformed();
        wrongTypes();
        missingAndEmpty();
        overLong();
        invalidEnums();
        verifyPairs();
        nonGbk();
        unknownFields();
        tplParamsAndContent();
        byteOrderMarksAndEncodings();
        emptyFiles();
        binaryFiles();
        deepNesting();
        mixedBatches();
        pathTricks();
    }

    private void malformed() throws IOException {
        String[] texts = {
            "{", "{\"api\":", "{\"api\":\"instance.update\"", "{\"api\":\"instance.update\",}",
            "{'api':'instance.update'}", "{api:\"instance.update\"}", "{\"api\" \"instance.update\"}",
            "{\"api\":\"instance.update\" \"serial_number\":\"x\"}", "{\"api\":instance.update}",
            "{\"api\":\"instance.update\",\"serial_number\":\"x\",\"status\":USED}",
            "{\"api\":\"instance.update\",\"serial_number\":\"unterminated}",
            "{\"api\":\"instance.update\",\"serial_number\":\"a\\qb\"}",
            "{\"api\":\"instance.update\",\"serial_number\":\"a\\u12\"}",
            "{\"api\":\"instance.update\",\"serial_number\":01}",
            "{\"api\":\"instance.update\",\"serial_number\":NaN}",
            "{\"api\":\"instance.update\",\"serial_number\":\"x\",\"status\":\"NOPE\"} // comment",
            "/* comment */ {\"api\":\"instance.update\"}",
            "{\"api\":\"instance.update\",\"serial_number\":\"x\",\"serial_number\":\"y\"}",
            "{\"api\":\"instance.update\",\"api\":\"template.update\"}",
            "{\"api\":\"instance.update\",\"serial_number\":\"x\",\"channel_id\":\"c\",\"channel_id\":\"d\"}",
            "{\"api\":\"instance.update\",\"serial_number\":\"tab\there\"}",
            "{\"api\":\"instance.update\"}}",
            "api=instance.update&serial_number=x",
            "<update><api>instance.update</api></update>",
            "serial_number: x\nstatus: USED",
            "undefined",
            "{\"api\":\"instance.update\",\"serial_number\":\"x\",\"status\":\"USED\",}",
            "{\"api\":\"instance.update\",\"serial_number\":\"x\"]",
            "{\"api\":\"instance.update\",\"tpl_params\":{\"title\":\"a\",}}",
            "{\"api\":\"instance.update\" , , \"serial_number\":\"x\"}",
        };
        // A repeated key is refused wherever it is, naming the key (issue 11).
        java.util.Map<String, String> repeated = java.util.Map.of(texts[10], "serial_number", texts[11], "api", texts[12], "channel_id");
        for (String t : texts) {
            if (repeated.containsKey(t)) {
                record("malformed", t, repeated.get(t), "must not repeat a key");
            } else {
                record("malformed", t, "$", "must be valid JSON");
            }
        }
    }

    private void wrongTypes() throws IOException {
        String[] stringFields = {"serial_number", "channel_id", "status", "verify_code", "verify_type", "user_id", "open_id"};
        String[] wrong = {"42", "true", "[\"x\"]", "{\"v\":\"x\"}"};
        String[] names = {"number", "boolean", "array", "object"};
        for (String f : stringFields) {
            for (int i = 0; i < wrong.length; i++) {
                String json = f.equals("serial_number") || f.equals("channel_id")
                        ? "{\"api\":\"instance.update\",\"serial_number\":" + (f.equals("serial_number") ? wrong[i] : q("s1"))
                                + ",\"channel_id\":" + (f.equals("channel_id") ? wrong[i] : q(CHANNEL)) + "}"
                        : inst("s1", f, wrong[i]);
                record("wrong-type", json, f, "must be a JSON string, was " + names[i]);
            }
        }
        for (String v : new String[] {"42", "true", "[\"x\"]"}) {
            record("wrong-type", inst("s1", "tpl_params", v), "tpl_params", "must be a JSON object or a string holding one");
        }
        for (int i = 0; i < wrong.length; i++) {
            record("wrong-type", tpl("tpl_id", wrong[i], "tpl_content", "{\"logo\":\"x\"}"), "tpl_id", "must be a JSON string, was " + names[i]);
        }
        for (String v : new String[] {"42", "false", "[{\"logo\":\"x\"}]"}) {
            record("wrong-type", tpl("tpl_id", q("t1"), "tpl_content", v), "tpl_content", "must be a JSON object or a string holding one");
        }
        for (String v : new String[] {"1", "true", "[\"instance.update\"]", "{\"name\":\"instance.update\"}"}) {
            record("wrong-type", "{\"api\":" + v + ",\"serial_number\":\"s1\"}", "api", "must be instance.update or template.update");
        }
    }

    private void missingAndEmpty() throws IOException {
        record("missing", "{\"api\":\"instance.update\",\"channel_id\":\"" + CHANNEL + "\",\"status\":\"CLOSED\"}", "serial_number", "is required");
        record("empty-field", inst(null, "serial_number", "\"\"", "status", "\"CLOSED\""), "serial_number", "is required");
        record("empty-field", inst(null, "serial_number", "\"   \"", "status", "\"CLOSED\""), "serial_number", "is required");
        record("empty-field", inst(null, "serial_number", "null", "status", "\"CLOSED\""), "serial_number", "is required");
        record("empty-field", "{\"api\":\"instance.update\",\"serial_number\":\"s1\",\"channel_id\":\"\"}", "channel_id", "is required");
        record("empty-field", "{\"api\":\"instance.update\",\"serial_number\":\"s1\",\"channel_id\":\" \"}", "channel_id", "is required");
        // A null channel_id is absent and takes the default (issue 11); a blank one of line breaks is still refused.
        record("empty-field", "{\"api\":\"instance.update\",\"serial_number\":\"s1\",\"channel_id\":\"\\n\\t\"}", "channel_id", "is required");
        record("missing", tpl("tpl_content", "{\"logo\":\"x\"}"), "tpl_id", "is required");
        record("empty-field", tpl("tpl_id", "\"\"", "tpl_content", "{\"logo\":\"x\"}"), "tpl_id", "is required");
        record("missing", tpl("tpl_id", "\"t1\""), "tpl_content", "is required");
        record("empty-field", tpl("tpl_id", "\"t1\"", "tpl_content", "\"\""), "tpl_content", "is required");
        record("empty-field", tpl("tpl_id", "\"t1\"", "tpl_content", "\"  \""), "tpl_content", "is required");
        record("empty-field", tpl("tpl_id", "\"t1\"", "tpl_content", "null"), "tpl_content", "is required");
        record("missing", "{\"serial_number\":\"s1\",\"channel_id\":\"" + CHANNEL + "\",\"status\":\"CLOSED\"}", "api", "is required");
        record("empty-field", "{\"api\":\"\",\"serial_number\":\"s1\"}", "api", "must be instance.update or template.update");
        record("missing", "{}", "api", "is required");
        record("missing", "{\"api\":\"instance.update\"}", "serial_number", "is required");
        record("missing", "{\"api\":\"template.update\"}", "tpl_id", "is required");
    }

    private void overLong() throws IOException {
        record("over-long", inst(null, "serial_number", q("s".repeat(1000))), "serial_number", "must be at most 999 characters");
        record("over-long", "{\"api\":\"instance.update\",\"serial_number\":\"s1\",\"channel_id\":" + q("2".repeat(1000)) + "}",
                "channel_id", "must be at most 999 characters");
        record("over-long", inst("s1", "verify_code", q("9".repeat(1000)), "verify_type", "\"wave\""), "verify_code", "must be at most 999 characters");
        record("over-long", inst("s1", "user_id", q("2088" + "1".repeat(29))), "user_id", "must be at most 32 characters");
        record("over-long", inst("s1", "user_id", q("用".repeat(33))), "user_id", "must be at most 32 characters");
        record("over-long", inst("s1", "open_id", q("o".repeat(129))), "open_id", "must be at most 128 characters");
        record("over-long", inst("s1", "tpl_params", "{\"title\":" + q("t".repeat(100_000)) + "}"), "tpl_params", "must be at most 99999 characters");
        record("over-long", tpl("tpl_id", q("t".repeat(1000)), "tpl_content", "{\"logo\":\"x\"}"), "tpl_id", "must be at most 999 characters");
        record("over-long", tpl("tpl_id", "\"t1\"", "tpl_content", "{\"logo\":" + q("x".repeat(100_000)) + "}"), "tpl_content", "must be at most 99999 characters");
        record("over-long", inst(null, "serial_number", q("券".repeat(1000))), "serial_number", "must be at most 999 characters");
        record("over-long", inst("s1", "status", q("USED".repeat(30))), "status", "must be one of USED, CLOSED");
        record("over-long", inst("s1", "verify_code", "\"1\"", "verify_type", q("wave".repeat(30000))), "verify_type", "must be one of wave, qrcode, barcode, input");
    }

    private void invalidEnums() throws IOException {
        for (String s : new String[] {"used", "Used", "DONE", " USED", "USED ", "CLOSED\n", "0", "ACTIVE", "使用", "CLOSE", "USED,CLOSED", "null"}) {
            record("bad-enum", inst("s1", "status", q(s)), "status", "must be one of USED, CLOSED");
        }
        for (String t : new String[] {"WAVE", "Wave", "qr", "nfc", " wave", "sound", "QRCODE", "bar-code", "文本"}) {
            record("bad-enum", inst("s1", "status", "\"USED\"", "verify_code", "\"8612231273\"", "verify_type", q(t)),
                    "verify_type", "must be one of wave, qrcode, barcode, input");
        }
        for (String a : new String[] {"INSTANCE.UPDATE", "alipay.pass.template.add", "instance", "pass.instance.update", "instance.update "}) {
            if (a.equals("instance.update ")) {
                continue; // trimmed, so valid: not a bad input
            }
            record("bad-enum", "{\"api\":" + q(a) + ",\"serial_number\":\"s1\"}", "api", "must be instance.update or template.update");
        }
    }

    private void verifyPairs() throws IOException {
        String together = "verify_code and verify_type must be sent together";
        record("verify-pair", inst("s1", "status", "\"USED\"", "verify_code", "\"8612231273\""), "verify_type", together);
        record("verify-pair", inst("s1", "verify_code", "\"8612231273\""), "verify_type", together);
        record("verify-pair", inst("s1", "status", "\"CLOSED\"", "verify_code", "\"1\""), "verify_type", together);
        record("verify-pair", inst("s1", "status", "\"USED\"", "verify_type", "\"wave\""), "verify_code", together);
        record("verify-pair", inst("s1", "verify_type", "\"qrcode\""), "verify_code", together);
        record("verify-pair", inst("s1", "status", "\"USED\"", "verify_code", "\"\"", "verify_type", "\"barcode\""), "verify_code", together);
        record("verify-pair", inst("s1", "status", "\"USED\"", "verify_code", "\"  \"", "verify_type", "\"input\""), "verify_code", together);
        record("verify-pair", inst("s1", "status", "\"USED\"", "verify_code", "\"1\"", "verify_type", "null"), "verify_type", together);
    }

    private void nonGbk() throws IOException {
        String gbk = "must hold only GBK characters";
        String[] chars = {"\uD83D\uDE00", "\uD83C\uDDE8\uD83C\uDDF3", "\uD840\uDC00", "\u0E01", "\u05D0", "\uAC00", "\u0915",
            "\u0627", "\uFFFD", "\u2764\uFE0F", "\uD83D\uDC4D\uD83C\uDFFD"};
        String[] fields = {"serial_number", "verify_code", "user_id", "open_id"};
        for (int i = 0; i < chars.length; i++) {
            String f = fields[i % fields.length];
            String json = f.equals("serial_number") ? inst(null, "serial_number", q("券" + chars[i]))
                    : f.equals("verify_code") ? inst("s1", "verify_code", q("86" + chars[i]), "verify_type", "\"wave\"")
                    : inst("s1", f, q("u" + chars[i]));
            record("non-gbk", json, f, gbk);
        }
        for (String c : new String[] {"\uD83D\uDE00", "\uD83C\uDF89", "\uAC00\uAC01", "\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"}) {
            record("non-gbk", inst("s1", "tpl_params", "{\"title\":" + q("会员" + c) + "}"), "tpl_params", gbk);
        }
        record("non-gbk", inst("s1", "tpl_params", "{\"title\":\"\\ud83d\\ude00\"}"), "tpl_params", gbk);
        record("non-gbk", inst(null, "serial_number", "\"sn-\\ud83d\"", "status", "\"CLOSED\""), "serial_number", gbk);
        record("non-gbk", "{\"api\":\"instance.update\",\"serial_number\":\"s1\",\"channel_id\":\"2088\uD83D\uDE00\"}", "channel_id", gbk);
        record("non-gbk", tpl("tpl_id", "\"t\uD83D\uDE00\"", "tpl_content", "{\"logo\":\"x\"}"), "tpl_id", gbk);
        record("non-gbk", tpl("tpl_id", "\"t1\"", "tpl_content", "{\"logo\":\"x\",\"content\":{\"title\":\"\uD83C\uDF81\"}}"), "tpl_content", gbk);
        record("non-gbk", inst(null, "serial_number", q("s\uFEFFn"), "status", "\"CLOSED\""), "serial_number", gbk);
    }

    private void unknownFields() throws IOException {
        String notField = "is not a field of alipay.pass.instance.update";
        for (String f : new String[] {"stauts", "serialNumber", "SERIAL_NUMBER", "sign", "app_auth_token", "biz_content", "method",
            "tpl_id", "Status", "status "}) {
            record("unknown-field", inst("s1", f, "\"x\""), f, notField);
        }
        record("unknown-field", tpl("tpl_id", "\"t1\"", "tpl_content", "{\"logo\":\"x\"}", "serial_number", "\"s1\""),
                "serial_number", "is not a field of alipay.pass.template.update");
        record("unknown-field", tpl("tpl_id", "\"t1\"", "tpl_content", "{\"logo\":\"x\"}", "tplContent", "\"{}\""),
                "tplContent", "is not a field of alipay.pass.template.update");
    }

    private void tplParamsAndContent() throws IOException {
        record("tpl-params", inst("s1", "tpl_params", "{\"title\":null}"), "tpl_params.title", "must not be null");
        record("tpl-params", inst("s1", "tpl_params", "{\"title\":{\"a\":\"b\"}}"), "tpl_params.title", "must be a string, number or boolean");
        record("tpl-params", inst("s1", "tpl_params", "{\"title\":[1,2]}"), "tpl_params.title", "must be a string, number or boolean");
        record("tpl-params", inst("s1", "tpl_params", "\"not json\""), "tpl_params", "must be valid JSON");
        record("tpl-params", inst("s1", "tpl_params", "\"[1,2]\""), "tpl_params", "must be a JSON object of template variables");
        record("tpl-params", inst("s1", "tpl_params", "\"{\\\"title\\\":\""), "tpl_params", "must be valid JSON");
        record("tpl-params", inst("s1", "tpl_params", "\"42\""), "tpl_params", "must be a JSON object of template variables");
        record("tpl-content", tpl("tpl_id", "\"t1\"", "tpl_content", "\"logo=x\""), "tpl_content", "must be valid JSON");
        record("tpl-content", tpl("tpl_id", "\"t1\"", "tpl_content", "\"[1]\""), "tpl_content", "must be a JSON object");
        record("tpl-content", tpl("tpl_id", "\"t1\"", "tpl_content", "\"5\""), "tpl_content", "must be a JSON object");
        record("tpl-content", tpl("tpl_id", "\"t1\"", "tpl_content", "\"{\""), "tpl_content", "must be valid JSON");
        record("tpl-content", tpl("tpl_id", "\"t1\"", "tpl_content", "\"{\\\"a\\\":1,\\\"a\\\":2}\""), "tpl_content.a", "must not repeat a key");
    }

    private void byteOrderMarksAndEncodings() throws IOException {
        byte[] utf8Bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        // A UTF-8 byte-order mark is tolerated, so the record behind it must fail on its own rule.
        write(name("bom", "json"), concat(utf8Bom, bytes(inst("s1", "status", "\"DONE\""), StandardCharsets.UTF_8)),
                "status", "must be one of USED, CLOSED", "record", "status", "must be one of USED, CLOSED", "-");
        write(name("bom", "json"), concat(utf8Bom, bytes(inst("s1", "verify_code", "\"1\""), StandardCharsets.UTF_8)),
                "verify_type", "must be sent together", "record", "verify_type", "must be sent together", "-");
        // A second byte-order mark is not JSON, in a file as in a message: the record is refused as broken.
        write(name("bom", "json"), concat(utf8Bom, utf8Bom, bytes(inst("s1", "status", "\"DONE\""), StandardCharsets.UTF_8)),
                "$", "must be valid JSON", "record", "$", "must be valid JSON", "-");
        String good = inst("s1", "status", "\"CLOSED\"", "tpl_params", "{\"title\":\"会员券\"}");
        byte[] utf16le = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, bytes(good, StandardCharsets.UTF_16LE));
        byte[] utf16be = concat(new byte[] {(byte) 0xFE, (byte) 0xFF}, bytes(good, StandardCharsets.UTF_16BE));
        byte[] utf32 = concat(new byte[] {0, 0, (byte) 0xFE, (byte) 0xFF}, bytes(good, Charset.forName("UTF-32BE")));
        write(name("encoding", "json"), utf16le, "$", "must be valid JSON", "error", "-", "cannot be read as text", "-");
        write(name("encoding", "json"), utf16be, "$", "must be valid JSON", "error", "-", "cannot be read as text", "-");
        write(name("encoding", "json"), utf32, "$", "must be valid JSON", "error", "-", "cannot be read as text", "-");
        write(name("encoding", "json"), bytes(good, StandardCharsets.UTF_16LE), "$", "must be valid JSON", "record", "$", "must be valid JSON", "-");
        write(name("encoding", "json"), bytes(good, StandardCharsets.UTF_16BE), "$", "must be valid JSON", "record", "$", "must be valid JSON", "-");
        write(name("encoding", "json"), bytes(good, Charset.forName("GBK")), "tpl_params", "must hold only GBK characters",
                "error", "-", "cannot be read as text", "-");
        write(name("encoding", "json"), bytes(good, Charset.forName("GB18030")), "tpl_params", "must hold only GBK characters",
                "error", "-", "cannot be read as text", "-");
        write(name("encoding", "json"), bytes(inst("s1", "tpl_params", "{\"title\":\"會員券\"}"), Charset.forName("Big5")),
                "tpl_params", "must hold only GBK characters", "error", "-", "cannot be read as text", "-");
        write(name("encoding", "json"), bytes(inst("s1", "tpl_params", "{\"title\":\"会員券\"}"), Charset.forName("Shift_JIS")),
                "tpl_params", "must hold only GBK characters", "error", "-", "cannot be read as text", "-");
        write(name("encoding", "json"), bytes(inst("s1", "tpl_params", "{\"title\":\"caf\u00e9 \u00e0 la cr\u00e8me\"}"), StandardCharsets.ISO_8859_1),
                "tpl_params", "must hold only GBK characters", "error", "-", "cannot be read as text", "-");
        write(name("encoding", "json"), bytes(inst("s1", "status", "\"DONE\""), Charset.forName("IBM037")),
                "$", "must be valid JSON", "error", "-", "cannot be read as text", "-");
    }

    private void emptyFiles() throws IOException {
        String empty = "must be a JSON object, the message is empty";
        write(name("empty", "json"), new byte[0], "$", empty, "error", "-", "holds no JSON record", "-");
        write(name("empty", "json"), bytes("   \t  ", StandardCharsets.UTF_8), "$", empty, "error", "-", "holds no JSON record", "-");
        write(name("empty", "json"), bytes("\n\n\r\n\n", StandardCharsets.UTF_8), "$", empty, "error", "-", "holds no JSON record", "-");
        write(name("empty", "json"), new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "$", empty, "error", "-", "holds no JSON record", "-");
        write(name("empty", "json"), bytes("[]", StandardCharsets.UTF_8), "$", "must be a JSON object, was array",
                "error", "-", "holds no JSON record", "-");
        write(name("empty", "json"), bytes("[ ]\n", StandardCharsets.UTF_8), "$", "must be a JSON object, was array",
                "error", "-", "holds no JSON record", "-");
        for (String[] c : new String[][] {{"null", "null"}, {"\"\"", "string"}, {"0", "number"}, {"true", "boolean"}, {"\"{}\"", "string"}}) {
            record("empty", c[0], "$", "must be a JSON object, was " + c[1]);
        }
    }

    private void binaryFiles() throws IOException {
        Random random = new Random(6);
        for (int i = 0; i < 6; i++) {
            byte[] b = new byte[512 + 997 * i];
            random.nextBytes(b);
            b[0] = (byte) 0xC3; // a lead byte followed by a non-continuation byte: never valid UTF-8
            b[1] = (byte) 0x28;
            write(name("binary", "bin"), b, "$", "must be valid JSON", "error", "-", "cannot be read as text", "-");
        }
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) 0xFF, (byte) 0xD8};
        write(name("binary", "png"), png, "$", "must be valid JSON", "error", "-", "cannot be read as text", "-");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(bytes(inst("s1", "status", "\"CLOSED\""), StandardCharsets.UTF_8));
        }
        write(name("binary", "json.gz"), gz.toByteArray(), "$", "must be valid JSON", "error", "-", "cannot be read as text", "-");
        byte[] pdf = concat(bytes("%PDF-1.7\n", StandardCharsets.US_ASCII), new byte[] {(byte) 0xE2, (byte) 0xE3, (byte) 0xCF, (byte) 0xD3, '\n'});
        write(name("binary", "pdf"), pdf, "$", "must be valid JSON", "error", "-", "cannot be read as text", "-");
        byte[] elf = {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0, (byte) 0x80, (byte) 0x80};
        write(name("binary", "bin"), elf, "$", "must be valid JSON", "error", "-", "cannot be read as text", "-");
        // NUL bytes are valid UTF-8, so the drop folder sees a (bad) record rather than unreadable text.
        write(name("binary", "bin"), new byte[64], "$", "must be valid JSON", "record", "$", "must be valid JSON", "-");
    }

    private void deepNesting() throws IOException {
        record("deep", inst("s1", "tpl_params", "{\"title\":" + "{\"a\":".repeat(50) + "1" + "}".repeat(50) + "}"),
                "tpl_params.title", "must be a string, number or boolean");
        record("deep", inst("s1", "tpl_params", "{\"a\":" .repeat(1500) + "1" + "}".repeat(1500)), "$", "must be valid JSON");
        record("deep", "{\"api\":\"instance.update\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "$", "must be valid JSON");
        record("deep", "{\"a\":".repeat(20000) + "1" + "}".repeat(20000), "$", "must be valid JSON");
        record("deep", tpl("tpl_id", "\"t1\"", "tpl_content", "{\"c\":" .repeat(1200) + "1" + "}".repeat(1200)), "$", "must be valid JSON");
        // An array element over a parser limit is one refused record, not a broken file (issue 11).
        write(name("deep", "json"), bytes("[".repeat(5000) + "]".repeat(5000), StandardCharsets.UTF_8), "$", "must be valid JSON",
                "record", "$", "must be valid JSON", "-");
        write(name("deep", "json"), bytes("[" + "[".repeat(3000) + "]".repeat(3000) + "]", StandardCharsets.UTF_8), "$", "must be valid JSON",
                "record", "$", "must be valid JSON", "-");
    }

    /** Good records (serial numbers good-...) next to bad ones: in the drop folder the good ones succeed. */
    private void mixedBatches() throws IOException {
        for (int f = 1; f <= 8; f++) {
            List<String> records = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                records.add(inst("good-" + f + "-" + i, "tpl_params", "{\"title\":\"好券" + i + "\"}"));
                records.add(inst("bad-" + f + "-" + i, "status", "\"FINISHED\""));
            }
            boolean array = f % 2 == 1;
            String text = array ? "[\n" + String.join(",\n", records) + "\n]\n" : String.join("\n", records) + "\n";
            String msgRule = array ? "must be a JSON object, was array" : "must be valid JSON";
            write(name("mixed", array ? "json" : "jsonl"), bytes(text, StandardCharsets.UTF_8), "$", msgRule,
                    "record", "status", "must be one of USED, CLOSED", "-");
        }
        // JSON lines with a broken line and a non-object line: each fails alone, the good ones go through.
        String lines = inst("good-9-1", "tpl_params", "{\"title\":\"a\"}") + "\n{\"api\":\"instance.update\",\n"
                + inst("good-9-2", "tpl_params", "{\"title\":\"b\"}") + "\n";
        write(name("mixed", "jsonl"), bytes(lines, StandardCharsets.UTF_8), "$", "must be valid JSON", "record", "$", "must be valid JSON", "-");
        String nonObjects = "[" + inst("good-10-1", "tpl_params", "{\"title\":\"a\"}") + ", 7, \"text\", null, [1], "
                + inst("good-10-2", "tpl_params", "{\"title\":\"b\"}") + "]";
        write(name("mixed", "json"), bytes(nonObjects, StandardCharsets.UTF_8), "$", "must be a JSON object, was array",
                "record", "$", "must be a JSON object", "-");
        // An array whose syntax breaks after good records: those records went through, the file goes to the error folder.
        String broken = "[" + inst("good-11-1", "tpl_params", "{\"title\":\"a\"}") + "," + inst("good-11-2", "tpl_params", "{\"title\":\"b\"}")
                + ", {\"api\": }, " + inst("good-11-3", "tpl_params", "{\"title\":\"c\"}") + "]";
        write(name("mixed", "json"), bytes(broken, StandardCharsets.UTF_8), "$", "must be valid JSON",
                "error", "-", "is not a valid JSON array after record 2", "-");
        String truncated = "[" + inst("good-12-1", "tpl_params", "{\"title\":\"a\"}") + "," + inst("bad-12-2", "status", "\"X\"") + ",";
        write(name("mixed", "json"), bytes(truncated, StandardCharsets.UTF_8), "$", "must be valid JSON",
                "error", "-", "JSON array", "-");
    }

    /** Odd file names for the drop folder; the content is a bad record, so each must end in the failure endpoint. */
    private void pathTricks() throws IOException {
        // Names starting with '.' are left alone by design (Camel skips hidden files: a writer's work in progress).
        String[] names = {"a..b.json", "%2e%2e.json", "-rf.json", "with space.json", "${sys:user.home}.json", "$simple{date:now:yyyy}.json",
            "x%2F..%2F..%2Fescape.json", "x\\\\..\\\\..\\\\escape.json", "名字-caf\u00e9.json", "a;rm -rf ~;.json", "tab\\there.json",
            "quote\\\"s.json", "new\\nline.json", "*.json", "?.json", "$(id).json", "`id`.json", "x".repeat(240) + ".json",
            "CON.json", "trailing.json.", "done", "error"};
        for (String n : names) {
            // Names the file consumer cannot handle (escaped here: \\ is a backslash, \t and \n control characters)
            // are moved unread to the error folder by DropFolderGuard; the others are read like any file.
            boolean refused = n.contains("%") || n.contains("\\\\") || n.contains("\\t") || n.contains("\\n") || n.length() > 232;
            write(name("path-trick", "json"), bytes(inst("s1", "status", "\"ESCAPED\""), StandardCharsets.UTF_8),
                    "status", "must be one of USED, CLOSED", refused ? "error" : "record", refused ? "-" : "status",
                    refused ? "has a name" : "must be one of USED, CLOSED", n);
        }
        // A file that fails as a whole under a long name: its error document must still be written.
        write(name("path-trick", "bin"), new byte[] {(byte) 0xC3, 0x28, 1, 2}, "$", "must be valid JSON", "error", "-",
                "has a name longer than", "y".repeat(250) + ".json");
        write(name("path-trick", "bin"), new byte[] {(byte) 0xC3, 0x28, 1, 2}, "$", "must be valid JSON", "error", "-",
                "cannot be read as text", "z".repeat(232 - ".json".length()) + ".json");
    }
}
