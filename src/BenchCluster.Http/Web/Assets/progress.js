// A run's progress: the bar a person watches, fed by the run's server-sent events (or by polling when the browser
// cannot keep the event stream open).
import { el, replace } from './dom.js';
import { getJson } from './api.js';
import { isTerminal, status } from './format.js';

const POLL_MS = 2000;

/** Percent of the run's jobs that finished (succeeded or failed), from the API's figure when it sends one. */
export function percentDone(run) {
  if (typeof run.percentDone === 'number') return Math.max(0, Math.min(100, run.percentDone));
  const total = run.totalJobs ?? 0;
  const finished = finishedJobs(run);
  if (total <= 0) return isTerminal(run.status) ? 100 : 0;
  return Math.min(100, (100 * finished) / total);
}

/** A progress bar with its figure as text ("42 %") and the status as its colour. */
export function progressBar(run) {
  const fill = el('span', { class: 'fill' });
  const label = el('span', { class: 'label' });
  const bar = el('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 }, fill, label);
  updateBar(bar, run);
  return bar;
}

export function updateBar(bar, run) {
  const pct = percentDone(run);
  const shown = Math.floor(pct);
  bar.setAttribute('aria-valuenow', String(shown));
  bar.dataset.status = status(run.status);
  bar.querySelector('.fill').style.width = pct + '%';
  replace(bar.querySelector('.label'), `${shown} %`);
}

const finishedJobs = run => (run.succeededJobs ?? 0) + (run.failedJobs ?? 0) + (run.cancelledJobs ?? 0);

/** "3 of 4 jobs finished, 1 failed". */
export function jobsText(run) {
  const failed = run.failedJobs ? `, ${run.failedJobs} failed` : '';
  const cancelled = run.cancelledJobs ? `, ${run.cancelledJobs} cancelled` : '';
  return `${finishedJobs(run)} of ${run.totalJobs ?? 0} jobs finished${failed}${cancelled}`;
}

/**
 * Follows a run until it ends: onProgress gets every snapshot, onDone the last one. Returns a function that stops
 * following.
 */
export function watchRun(runId, onProgress, onDone) {
  const path = `/api/runs/${encodeURIComponent(runId)}`;
  let stopped = false;
  let source = null;
  let timer = null;
  let last = null;
  const finish = async snapshot => {
    if (stopped) return;
    stop();
    // The done event may carry no snapshot: the run's own record has the final counts.
    const final = snapshot ?? await getJson(path).catch(() => last);
    if (final) onDone(final);
  };
  const poll = async () => {
    if (stopped) return;
    try {
      const run = await getJson(path);
      last = run;
      onProgress(run);
      if (isTerminal(run.status)) { finish(run); return; }
    } catch { /* the next poll tries again */ }
    timer = setTimeout(poll, POLL_MS);
  };
  if (typeof EventSource === 'function') {
    source = new EventSource(path + '/events');
    source.addEventListener('progress', event => {
      last = JSON.parse(event.data);
      onProgress(last);
      if (isTerminal(last.status)) finish(last);
    });
    source.addEventListener('done', event => {
      let snapshot = null;
      try { snapshot = JSON.parse(event.data); } catch { /* done may carry no snapshot */ }
      if (snapshot?.status !== undefined) onProgress(snapshot);
      finish(snapshot?.status !== undefined ? snapshot : null);
    });
    // A stream that breaks (proxy, restart, 401) falls back to polling, which also reports a 401 properly.
    source.onerror = () => {
      if (stopped) return;
      source.close();
      source = null;
      poll();
    };
  } else {
    poll();
  }
  function stop() {
    stopped = true;
    source?.close();
    clearTimeout(timer);
  }
  return stop;
}
