// What pages read from the API's run summaries.

/** A run's id, whichever name the API gives it. */
export const runId = run => String(run.runId ?? run.id);
