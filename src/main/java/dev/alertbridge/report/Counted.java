package dev.alertbridge.report;

/**
 * An answer that is not an {@link InvocationReport} but carries one whose transitions the metrics line counts (the
 * reconciliation's run: what its replay of alarm states wrote).
 */
public interface Counted {

    /** The report whose transitions count. */
    InvocationReport counted();
}
