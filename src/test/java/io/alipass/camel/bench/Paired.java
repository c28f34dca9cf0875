package io.alipass.camel.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Pairs of (ours, reference) taken in turns; the median of each and of the per-pair ratios. */
final class Paired {
    private final List<double[]> pairs = new ArrayList<>();

    void add(double ours, double reference) {
        pairs.add(new double[] {ours, reference});
    }

    double ours() {
        return median(pairs.stream().mapToDouble(p -> p[0]).toArray());
    }

    double reference() {
        return median(pairs.stream().mapToDouble(p -> p[1]).toArray());
    }

    /** The median of the per-round ratios: each round's two sides saw the same machine. */
    double ratio() {
        return median(pairs.stream().mapToDouble(p -> p[0] / p[1]).toArray());
    }

    /** Each round's ratio, as printed in the notes. */
    String ratios() {
        return pairs.stream().map(p -> String.format(Locale.ROOT, "%.2f", p[0] / p[1])).collect(Collectors.joining(", "));
    }

    String note() {
        if (pairs.size() < 2) {
            return null;
        }
        return "medians of " + pairs.size() + " alternating rounds; ratio per round: " + ratios();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
