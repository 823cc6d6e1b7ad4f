package dev.alertbridge.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and nearest-rank percentiles of a sample. */
final class Stats {
    private Stats() {
    }

    static double median(List<Double> values) {
        List<Double> sorted = sorted(values);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Nearest-rank percentile, {@code p} in (0, 100]. */
    static double percentile(List<Double> values, double p) {
        List<Double> sorted = sorted(values);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted;
    }
}
