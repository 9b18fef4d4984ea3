// Page "/runs/{id}": the run's metadata, its progress live to 100 %, its results with verdicts, a tokens/s chart and
// the run's HTML report when the coordinator can build one.
import { el, replace } from './dom.js';
import { ApiError, getJson, list } from './api.js';
import { boot, errorBox, failed } from './page.js';
import { MISSING, isTerminal, status, when } from './format.js';
import { jobsText, progressBar, updateBar, watchRun } from './progress.js';
import { provenanceText, resultsTable } from './results.js';
import { throughputChart } from './chart.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Results are re-read while the run goes on, at most this often (each finished point adds a row).
const RESULTS_REFRESH_MS = 3000;

const runIdFromPath = () => decodeURIComponent(location.pathname.split('/').filter(Boolean)[1] ?? '');

function metadata(run, id) {
  const items = [
    ['Status', el('span', { class: 'status status-' + status(run.status), id: 'run-status' }, status(run.status))],
    ['Jobs', el('span', { id: 'run-jobs' }, jobsText(run))],
    ['Submitted by', run.submittedBy ?? MISSING],
    ['Submitted', when(run.submittedAt ?? run.createdAt)],
    ['Started', el('span', { id: 'run-started' }, when(run.startedAt))],
    ['Finished', el('span', { id: 'run-finished' }, when(run.finishedAt))],
    ['Run', [el('code', null, id), ' · ', el('a', { href: '/compare?new=' + encodeURIComponent(id) }, 'compare with another run')]],
  ];
  return el('dl', { class: 'meta' }, items.flatMap(([term, value]) => [el('dt', null, term), el('dd', null, value)]));
}

async function showResults(box, chartBox, id) {
  const records = list(await getJson(`/api/runs/${encodeURIComponent(id)}/results`), 'results');
  if (records.length === 0) {
    replace(box, el('p', { class: 'empty' }, 'No results yet: a point shows here once all its repetitions finished.'));
    replace(chartBox);
    return;
  }
  const invalid = records.filter(r => r.verdict !== 'VALID').length;
  const provenance = provenanceText(records);
  replace(box,
    el('p', null, `${records.length} points, ${records.length - invalid} VALID, ${invalid} INVALID.`),
    resultsTable(records),
    provenance ? el('p', { class: 'muted provenance' }, 'Measured with ', provenance) : null);
  replace(chartBox, el('h2', null, 'Tokens per second'), throughputChart(records));
}

/** The plots of the run's HTML report (as `benchcluster report` draws them), framed once the run has ended. */
function showReport(box, id) {
  const path = `/api/runs/${encodeURIComponent(id)}/report`;
  // Sandboxed: the report is our own HTML, but it holds names from the suite; no script of it may run here. The
  // frame opens at the report's plots: its tables repeat what the results above already show.
  replace(box,
    el('h2', null, 'Plots'),
    el('p', null, 'From the run\u2019s report, as ', el('code', null, 'benchcluster report'), ' draws them. ',
      el('a', { href: path, target: '_blank', rel: 'noopener' }, 'Open the whole report')),
    el('iframe', { src: path + '#plots', sandbox: '', title: 'Plots of the run report', class: 'report' }));
}

boot(async main => {
  const id = runIdFromPath();
  if (!GUID.test(id)) {
    replace(main, errorBox(new Error(`"${id}" is not a run id: a run's address is /runs/ followed by its id, as the runs list links it.`)));
    return;
  }
  let run;
  try {
    run = await getJson(`/api/runs/${encodeURIComponent(id)}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      replace(main, errorBox(new Error(`There is no run ${id} on this coordinator.`)));
      return;
    }
    throw error;
  }
  document.title = `${run.suiteName ?? 'Run'} · BenchCluster`;
  const bar = progressBar(run);
  const errorLine = el('p', { class: 'error', id: 'run-error', hidden: !run.error }, run.error ?? '');
  const resultsBox = el('div', { id: 'results' });
  const chartBox = el('div', { id: 'chart' });
  const reportBox = el('div', { id: 'report' });
  replace(main,
    el('h1', null, run.suiteName ?? 'Run'),
    metadata(run, id),
    el('section', { class: 'progress-box' }, el('h2', null, 'Progress'), bar),
    errorLine,
    el('section', null, el('h2', null, 'Results'), resultsBox),
    el('section', null, chartBox),
    el('section', null, reportBox));

  const update = snapshot => {
    updateBar(bar, snapshot);
    replace(document.getElementById('run-status'), status(snapshot.status));
    document.getElementById('run-status').className = 'status status-' + status(snapshot.status);
    replace(document.getElementById('run-jobs'), jobsText(snapshot));
    replace(document.getElementById('run-started'), when(snapshot.startedAt));
    replace(document.getElementById('run-finished'), when(snapshot.finishedAt));
    if (snapshot.error) { replace(errorLine, snapshot.error); errorLine.hidden = false; }
  };
  const refreshResults = () => showResults(resultsBox, chartBox, id).catch(failed);
  await showResults(resultsBox, chartBox, id);
  if (isTerminal(run.status)) {
    showReport(reportBox, id);
    return;
  }
  let lastRead = Date.now();
  let lastSucceeded = run.succeededJobs ?? 0;
  watchRun(id, snapshot => {
    update(snapshot);
    if ((snapshot.succeededJobs ?? 0) !== lastSucceeded && Date.now() - lastRead > RESULTS_REFRESH_MS) {
      lastSucceeded = snapshot.succeededJobs ?? 0;
      lastRead = Date.now();
      refreshResults();
    }
  }, async final => {
    update(final);
    await refreshResults();
    showReport(reportBox, id);
  });
});
