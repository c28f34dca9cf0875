package io.alipass.camel.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table the benchmark prints: each figure, its reference, the ratio and the goal. */
final class ResultTable {
    /**
     * One row.
     *
     * @param id        the figure's number in bench/README.md
     * @param figure    what was measured, with its unit
     * @param value     the measured figure, NaN when not measured
     * @param reference what it is compared with
     * @param refValue  the reference's figure, NaN when none
     * @param ratio     figure / reference (for paired rounds, the median of the rounds' ratios)
     * @param goal      the goal, as text ("ratio >= 0.95"), or "-"
     * @param met       whether the goal is met, null when there is none or nothing was measured
     * @param note      why a figure is missing, or what limits it
     */
    record Row(String id, String figure, double value, String reference, double refValue, double ratio, String goal,
               Boolean met, String note) {
        /** A row whose ratio is figure / reference, with a goal of at least {@code minRatio} (NaN for none). */
        static Row of(String id, String figure, double value, String reference, double refValue, double minRatio, String note) {
            double ratio = value / refValue;
            return new Row(id, figure, value, reference, refValue, ratio,
                    Double.isNaN(minRatio) ? "-" : String.format(Locale.ROOT, "ratio >= %.2f", minRatio),
                    Double.isNaN(minRatio) ? null : ratio >= minRatio, note);
        }

        static Row notMeasured(String id, String figure, String reference, String goal, String why) {
            return new Row(id, figure, Double.NaN, reference, Double.NaN, Double.NaN, goal, null, why);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
    }

    void add(int index, Row row) {
        rows.add(index, row);
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    void print(PrintStream out) {
        String[] head = {"#", "figure", "measured", "reference", "ref. figure", "ratio", "goal", "met"};
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        for (Row r : rows) {
            cells.add(new String[] {r.id(), r.figure(), num(r.value()), r.reference(), num(r.refValue()),
                    Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.2f", r.ratio()),
                    r.goal(), r.met() == null ? "-" : r.met() ? "yes" : "NO"});
        }
        int[] width = new int[head.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (int k = 0; k < cells.size(); k++) {
            StringBuilder line = new StringBuilder("|");
            for (int i = 0; i < head.length; i++) {
                line.append(' ').append(String.format("%-" + width[i] + "s", cells.get(k)[i])).append(" |");
            }
            out.println(line);
            if (k == 0) {
                StringBuilder rule = new StringBuilder("|");
                for (int w : width) {
                    rule.append("-".repeat(w + 2)).append('|');
                }
                out.println(rule);
            }
        }
        for (Row r : rows) {
            if (r.note() != null && !r.note().isEmpty()) {
                out.println("  " + r.id() + ": " + r.note());
            }
        }
    }

    private static String num(double v) {
        if (Double.isNaN(v)) {
            return "not measured";
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
