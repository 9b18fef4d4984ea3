// Page "/": every run, newest first, with live progress bars for the ones still going.
import { el, pageLink, replace, table } from './dom.js';
import { getJson, list } from './api.js';
import { boot, failed } from './page.js';
import { isTerminal, status, when } from './format.js';
import { jobsText, progressBar } from './progress.js';
import { submitForm } from './submit.js';
import { runId } from './runs-model.js';

// A list page polls rather than holding one event stream per run: browsers allow only six connections per host.
const POLL_MS = 2000;

function row(run) {
  const id = String(runId(run));
  return {
    props: { 'data-run': id },
    cells: [
      pageLink(run.suiteName ?? run.name ?? id, '/runs/', id),
      { value: status(run.status), class: 'status status-' + status(run.status) },
      progressBar(run),
      jobsText(run),
      run.submittedBy ?? '–',
      when(run.submittedAt ?? run.createdAt),
      el('code', { title: id }, id.slice(0, 8)),
    ],
  };
}

function render(container, runs) {
  const content = runs.length === 0
    ? el('p', { class: 'empty' }, 'No runs yet. Submit a suite below, with ', el('code', null, 'benchcluster submit suite.yaml'), ', or with POST /api/runs.')
    : table(['Suite', 'Status', 'Progress', 'Jobs', 'Submitted by', 'Submitted', 'Run'], runs.map(row), { class: 'data runs' });
  replace(container, content);
}

boot(async main => {
  const runsBox = el('div', { id: 'runs' });
  replace(main, el('h1', null, 'Runs'), runsBox, submitForm());
  const refresh = async () => {
    const runs = list(await getJson('/api/runs'), 'runs');
    render(runsBox, runs);
    return runs.some(r => !isTerminal(r.status));
  };
  let live = await refresh();
  const tick = async () => {
    try {
      live = await refresh();
    } catch (error) {
      failed(error);
      return;
    }
    setTimeout(tick, live ? POLL_MS : POLL_MS * 5);
  };
  setTimeout(tick, POLL_MS);
});
