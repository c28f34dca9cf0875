package io.alipass.camel.route;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generated drop-folder files for the accounting properties: valid records in one of the layouts,
 * broken in one place. Knows which valid records a correct reader must still hand on.
 */
public final class DroppedFiles {
    /**
     * The layouts: JSON lines, concatenated pretty-printed objects, an array on one line, an array
     * with one element per line (three comma styles), an array of pretty-printed elements, and an
     * array of elements written on many lines without indentation, their nested object's brace on
     * a line of its own (where a line that starts with a brace may be nested: the reader must stop).
     */
    public enum Layout {
        LINES, PRETTY, ARRAY, LINE_ARRAY, PRETTY_ARRAY, FLAT_ARRAY;

        /** Whether a broken record costs only itself in this layout (the reader resynchronises). */
        public boolean resynchronises() {
            return this != ARRAY && this != FLAT_ARRAY;
        }

        boolean array() {
            return this == ARRAY || this == LINE_ARRAY || this == PRETTY_ARRAY || this == FLAT_ARRAY;
        }
    }

    /** The ways a batch job breaks a file, each applied to one record (b). */
    public enum Break {
        NONE,
        /** The file ends in the middle of record b. */
        CUT,
        /** A line of garbage before record b. */
        GARBAGE_LINE,
        /** Garbage right before record b, on its line. */
        GARBAGE_BEFORE,
        /** A second closing brace after record b. */
        EXTRA_BRACE,
        /** A comma after record b (before the closing bracket when b is last). */
        TRAILING_COMMA,
        /** Record b nests 1,200 levels deep: valid JSON, over the validation's limit. */
        DEEP_NESTING,
        /** Record b holds a 1,501-digit number: valid JSON, over the validation's limit. */
        LONG_NUMBER,
        /** Record b lacks the colon after a key. */
        BROKEN_ELEMENT,
        /** A number in record b cut in two by a space after its decimal point. */
        NUMBER_CUT,
        /** The serial number's string in record b lacks its closing quote. */
        UNTERMINATED_STRING
    }

    /**
     * A generated file.
     *
     * @param text      the file's text
     * @param serials   the serial numbers of the records in the file, in order
     * @param records   the valid records' texts exactly as written into the file (before the break), in order
     * @param altered   record b's text after a break that leaves it valid JSON (deep nesting, a long number), or null
     * @param mustReach the serial numbers a correct reader hands on as whole records (records the break did not touch)
     * @param brokenAt  the index of the record the break touches, or -1
     */
    public record File(Layout layout, Break kind, String text, List<String> serials, List<String> records, String altered,
            List<String> mustReach, int brokenAt) {
        boolean array() {
            return layout.array();
        }
    }

    private DroppedFiles() {
    }

    /** A record on many lines without indentation, the brace of its tpl_params on a line of its own. */
    static String flatRecord(String serial, int n) {
        return "{\n\"api\": \"instance.update\",\n\"serial_number\": \"" + serial + "\",\n\"tpl_params\":\n{\n\"n\": " + n + ".50\n}\n}";
    }

    /** A record: on one line, or pretty-printed with its inner lines indented by {@code indent} + 2 and its closing brace by {@code indent}. */
    static String record(String serial, int n, boolean pretty, String indent) {
        String in = indent + "  ";
        return pretty
                ? "{\n" + in + "\"api\": \"instance.update\",\n" + in + "\"serial_number\": \"" + serial + "\",\n" + in
                        + "\"tpl_params\": {\"n\": " + n + ".50}\n" + indent + "}"
                : "{\"api\":\"instance.update\",\"serial_number\":\"" + serial + "\",\"tpl_params\":{\"n\":" + n + ".50}}";
    }

    /** Files of 1 to 6 records with serials from {@code DEMO-0001} to {@code DEMO-0100}. */
    public static Arbitrary<File> files() {
        return Combinators.combine(Arbitraries.of(Layout.class), Arbitraries.of(Break.class), Arbitraries.integers().between(1, 6),
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(1, 95), Arbitraries.integers().between(0, 1000))
                .as(DroppedFiles::build);
    }

    static File build(Layout layout, Break kind, int count, int at, int firstSerial, int salt) {
        int b = kind == Break.NONE ? -1 : Math.min(at, count - 1);
        boolean array = layout.array();
        // The one-per-line array in three styles: "[" on its own line, the first element on the "[" line, leading commas.
        int style = layout == Layout.LINE_ARRAY ? salt % 3 : 0;
        String indent = switch (layout) {
            case PRETTY_ARRAY -> "  ";
            case LINE_ARRAY -> style == 2 ? "  " : "";
            default -> "";
        };
        String prefix = switch (layout) {
            case ARRAY -> "[";
            case LINE_ARRAY -> style == 0 ? "[\n" : style == 1 ? "[" : "[ ";
            case PRETTY_ARRAY -> "[\n  ";
            case FLAT_ARRAY -> "[\n";
            default -> "";
        };
        String sep = switch (layout) {
            case ARRAY -> ",";
            case LINE_ARRAY -> style == 2 ? "\n, " : ",\n";
            case PRETTY_ARRAY -> ",\n  ";
            case FLAT_ARRAY -> ",\n";
            default -> "\n";
        };
        String suffix = array ? (layout == Layout.ARRAY ? "]" : "\n]\n") : "\n";
        boolean pretty = layout == Layout.PRETTY || layout == Layout.PRETTY_ARRAY;
        List<String> serials = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String serial = String.format("DEMO-%04d", firstSerial + i);
            serials.add(serial);
            texts.add(layout == Layout.FLAT_ARRAY ? flatRecord(serial, salt + i) : record(serial, salt + i, pretty, indent));
        }
        List<String> records = List.copyOf(texts);
        List<Boolean> reach = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            reach.add(true);
        }
        String altered = null;
        switch (kind) {
            case NONE -> { }
            case CUT -> {
                String t = texts.get(b);
                texts.set(b, t.substring(0, t.length() / 2));
                for (int i = b; i < count; i++) {
                    reach.set(i, false);
                }
                while (texts.size() > b + 1) {
                    texts.remove(texts.size() - 1);
                }
                suffix = ""; // the file ends inside record b
            }
            // The garbage line is indented like the records, so that the record after it starts where a record starts.
            case GARBAGE_LINE -> texts.set(b, "@#not json at all\n" + indent + texts.get(b));
            case GARBAGE_BEFORE -> {
                texts.set(b, "@#" + texts.get(b));
                reach.set(b, false);
            }
            case EXTRA_BRACE -> texts.set(b, texts.get(b) + "}");
            case TRAILING_COMMA -> texts.set(b, texts.get(b) + ",");
            case DEEP_NESTING -> {
                altered = texts.get(b).replaceFirst("\"tpl_params\"", "\"deep\":" + "[".repeat(1200) + "]".repeat(1200) + ",\"tpl_params\"");
                texts.set(b, altered);
                reach.set(b, false);
            }
            case LONG_NUMBER -> {
                altered = texts.get(b).replaceFirst("\\d+\\.50", "1" + "0".repeat(1500));
                texts.set(b, altered);
                reach.set(b, false);
            }
            case BROKEN_ELEMENT -> {
                texts.set(b, texts.get(b).replace("\"serial_number\":", "\"serial_number\""));
                reach.set(b, false);
            }
            case NUMBER_CUT -> {
                texts.set(b, texts.get(b).replaceFirst("\\.50", ". 50"));
                reach.set(b, false);
            }
            case UNTERMINATED_STRING -> {
                texts.set(b, texts.get(b).replace(serials.get(b) + "\"", serials.get(b)));
                reach.set(b, false);
            }
        }
        if (!layout.resynchronises() && b >= 0 && kind != Break.DEEP_NESTING && kind != Break.LONG_NUMBER) {
            // An array on one line stops at a syntax break: what follows is reported, not read.
            boolean touchesB = kind != Break.EXTRA_BRACE && kind != Break.TRAILING_COMMA;
            for (int i = touchesB ? b : b + 1; i < count; i++) {
                reach.set(i, false);
            }
        }
        String text = prefix + String.join(sep, texts) + suffix;
        List<String> must = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (reach.get(i)) {
                must.add(serials.get(i));
            }
        }
        return new File(layout, kind, text, serials, records, altered, must, b);
    }
}
