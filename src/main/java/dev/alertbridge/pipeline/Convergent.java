package dev.alertbridge.pipeline;

import java.util.List;
import java.util.Optional;

import dev.alertbridge.report.InvocationReport.ServiceOutcome;

/**
 * What one alert writes in one invocation, and the check of the page after it: on one service
 * ({@link ServiceConvergence}), or on a group's shared incident ({@link SharedConvergence}).
 */
interface Convergent {

    /** Decides and writes; when the page may now be wrong, as {@link System#nanoTime} of the write's answer. */
    Optional<Long> write();

    /** Checks that read and write the same thing run in turn: one service, or one group's incident. */
    String serviceKey();

    /** What happened so far (what {@link #write} did, before any check). */
    List<ServiceOutcome> outcomes();

    /** After the shared re-read: the page checked and corrected; what happened, one outcome per service. */
    List<ServiceOutcome> converge(boolean settles);
}
