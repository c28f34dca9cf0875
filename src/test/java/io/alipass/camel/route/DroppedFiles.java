package io.alipass.camel.route;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated drop-folder files for the accounting properties: valid records in one of the three
 * layouts, broken in one place. Knows which valid records a correct reader must still hand on.
 */
public final class DroppedFiles {
    /** The three layouts, the array one-line or pretty-printed. */
    public enum Layout { LINES, PRETTY, ARRAY, PRETTY_ARRAY }

    /** The ways a batch job breaks a file. */
    public enum Break { NONE, CUT, GARBAGE_LINE, GARBAGE_BEFORE, EXTRA_BRACE, TRAILING_COMMA, DEEP_NESTING, LONG_NUMBER, BROKEN_ELEMENT }

    /**
     * A generated file.
     *
     * @param text      the file's text
     * @param serials   the serial numbers of the records in the file, in order
     * @param mustReach the serial numbers a correct reader hands on (records the break did not touch)
     * @param brokenAt  the index of the first record the break touches, or -1
     */
    public record File(Layout layout, Break kind, String text, List<String> serials, List<String> mustReach, int brokenAt) {
        boolean array() {
            return layout == Layout.ARRAY || layout == Layout.PRETTY_ARRAY;
        }
    }

    private DroppedFiles() {
    }

    static String record(String serial, int n, boolean pretty) {
        return pretty
                ? "{\n  \"api\": \"instance.update\",\n  \"serial_number\": \"" + serial + "\",\n  \"tpl_params\": {\"n\": " + n + ".50}\n}"
                : "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"tpl_params\":{\"n\":" + n + ".50}}";
    }

    /** Files of 1 to 6 records with serials from {@code DEMO-0001} to {@code DEMO-0100}. */
    public static Arbitrary<File> files() {
        return Combinators.combine(Arbitraries.of(Layout.class), Arbitraries.of(Break.class), Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(1, 95), Arbitraries.integers().between(0, 1000))
                .as(DroppedFiles::build);
    }

    static File build(Layout layout, Break kind, int count, int at, int firstSerial, int salt) {
        int b = Math.min(at, count - 1);
        boolean array = layout == Layout.ARRAY || layout == Layout.PRETTY_ARRAY;
        boolean pretty = layout == Layout.PRETTY || layout == Layout.PRETTY_ARRAY;
        List<String> serials = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String serial = String.format("DEMO-%04d", firstSerial + i);
            serials.add(serial);
            texts.add(record(serial, salt + i, layout == Layout.PRETTY));
        }
        String sep = array ? (pretty ? ",\n  " : ",") : "\n";
        List<Boolean> reach = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            reach.add(true);
        }
        String prefix = "";
        String suffix = "";
        switch (kind) {
            case NONE -> b = -1;
            case CUT -> {
                String t = texts.get(b);
                texts.set(b, t.substring(0, t.length() / 2));
                for (int i = b; i < count; i++) {
                    reach.set(i, false);
                }
                while (texts.size() > b + 1) {
                    texts.remove(texts.size() - 1);
                }
                suffix = null; // the file ends inside record b
            }
            case GARBAGE_LINE -> texts.set(b, "@#not json at all\n" + texts.get(b));
            case GARBAGE_BEFORE -> { texts.set(b, "@#" + texts.get(b)); reach.set(b, false); }
            case EXTRA_BRACE -> texts.set(b, texts.get(b) + "}");
            case TRAILING_COMMA -> texts.set(b, texts.get(b) + ",");
            case DEEP_NESTING -> { texts.set(b, texts.get(b).replace("\"n\"", "\"deep\":" + "[".repeat(1200) + "]".repeat(1200) + ",\"n\"")); reach.set(b, false); }
            case LONG_NUMBER -> { texts.set(b, texts.get(b).replaceFirst("\\d+\\.50", "1" + "0".repeat(1500))); reach.set(b, false); }
            case BROKEN_ELEMENT -> { texts.set(b, texts.get(b).replace("\"serial_number\":", "\"serial_number\"").replace("\"serial_number\": ", "\"serial_number\" ")); reach.set(b, false); }
        }
        if (array && b >= 0 && kind != Break.DEEP_NESTING && kind != Break.LONG_NUMBER && kind != Break.NONE) {
            // In an array a syntax break stops reading: what follows the break is reported, not read.
            boolean touchesB = kind != Break.EXTRA_BRACE && kind != Break.TRAILING_COMMA;
            for (int i = touchesB ? b : b + 1; i < count; i++) {
                reach.set(i, false);
            }
        }
        // In a sequence, a stray '}' or ',' after record b is text of its own up to the next line: every record stays whole.
        StringBuilder sb = new StringBuilder(array ? (pretty ? "[\n  " : "[") : "");
        sb.append(String.join(sep, texts));
        if (suffix != null) {
            sb.append(array ? (pretty ? "\n]\n" : "]") : "\n");
        }
        List<String> must = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (reach.get(i)) {
                must.add(serials.get(i));
            }
        }
        return new File(layout, kind, sb.toString(), serials, must, b);
    }
}
