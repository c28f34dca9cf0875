package io.alipass.camel.route;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bad-input corpus of {@code src/test/resources/bad-inputs/} (see {@link BadInputCorpusWriter}),
 * plus the inputs over 1 MiB, which are made here rather than committed.
 */
public final class BadInputCorpus {
    /** Where a whole file is refused, rather than its records one by one. */
    public enum FileMode { RECORD, ERROR }

    /**
     * One bad input.
     *
     * @param name      its file name in the corpus
     * @param content   its bytes
     * @param field     the field a message source (direct, JMS, HTTP) must name
     * @param rule      a fragment of the rule it must give
     * @param fileMode  what the drop folder does with it as a file
     * @param fileField the field the drop folder's record failures name (RECORD)
     * @param fileRule  the rule fragment (RECORD) or the error document's reason fragment (ERROR)
     * @param dropName  the name it is dropped under
     * @param huge      larger than the HTTP source's body limit
     */
    public record Entry(String name, byte[] content, String field, String rule, FileMode fileMode, String fileField, String fileRule,
                 String dropName, boolean huge) {
        /** The serial numbers of the valid records inside, which must succeed in the drop folder. */
        Set<String> goodSerials() {
            Set<String> s = new LinkedHashSet<>();
            Matcher m = GOOD.matcher(new String(content, StandardCharsets.UTF_8));
            while (m.find()) {
                s.add(m.group(1));
            }
            return s;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern GOOD = Pattern.compile("\"serial_number\":\"(good-[^\"]+)\"");

    private BadInputCorpus() {
    }

    public static List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        for (String line : resource("index.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            String drop = c[6].equals("-") ? c[0] : unescape(c[6]);
            entries.add(new Entry(c[0], bytes(c[0]), c[1], c[2], FileMode.valueOf(c[3].toUpperCase()), c[4], c[5], drop, false));
        }
        entries.addAll(huge());
        return entries;
    }

    /** Inputs over 1 MiB: one record too long to read, and a JSON-lines file of many bad records and a few good ones. */
    private static List<Entry> huge() {
        String hugeRecord = "{\"api\":\"instance.update\",\"serial_number\":\"" + "h".repeat(1_500_000) + "\",\"channel_id\":\""
                + BadInputCorpusWriter.CHANNEL + "\"}";
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            lines.append("{\"api\":\"instance.update\",\"serial_number\":\"huge-").append(i).append("\",\"tpl_params\":{\"title\":\"")
                    .append("t".repeat(400)).append("\"},\"status\":\"LOST\"}\n");
            if (i % 1000 == 0) {
                lines.append("{\"api\":\"instance.update\",\"serial_number\":\"good-huge-").append(i)
                        .append("\",\"tpl_params\":{\"title\":\"ok\"}}\n");
            }
        }
        return List.of(
                new Entry("huge-record.json", hugeRecord.getBytes(StandardCharsets.UTF_8), "serial_number", "must be at most 999 characters",
                        FileMode.RECORD, "$", "must be at most " + JsonRecordReader.MAX_RECORD_CHARS + " characters", "huge-record.json", true),
                new Entry("huge-lines.jsonl", lines.toString().getBytes(StandardCharsets.UTF_8), "$", "must be valid JSON",
                        FileMode.RECORD, "status", "must be one of USED, CLOSED", "huge-lines.jsonl", true));
    }

    private static String resource(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String name) {
        try (InputStream in = BadInputCorpus.class.getResourceAsStream("/bad-inputs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing corpus file " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String unescape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
