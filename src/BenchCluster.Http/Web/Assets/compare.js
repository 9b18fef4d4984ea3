// Page "/compare?base=RUN&new=RUN": the points two runs share (same point on the same node), the ratio new ÷ base of
// the headline throughput, whether the repetitions say the difference is real, and the regressions highlighted.
import { el, pageLink, replace, table } from './dom.js';
import { ApiError, getJson, list } from './api.js';
import { boot } from './page.js';
import { MISSING, num, percent, ratio, sig } from './format.js';
import { runId } from './runs-model.js';

function runPicker(name, label, value, runs) {
  const listId = name + '-runs';
  return el('p', null,
    el('label', { for: name }, label),
    el('input', { id: name, name, value: value ?? '', list: listId, required: true, placeholder: 'run id, id prefix or tag', size: 40 }),
    el('datalist', { id: listId }, runs.map(r => el('option', { value: runId(r) }, `${r.suiteName ?? ''} ${r.submittedAt ?? ''}`))));
}

const verdictOf = point => String(point.verdict ?? 'unknown').toLowerCase();

function change(point) {
  if (point.changePercent === null || point.changePercent === undefined) return MISSING;
  return (point.changePercent > 0 ? '+' : '') + num(point.changePercent, 1) + ' %';
}

function confidence(point) {
  if (point.confidence === null || point.confidence === undefined) return { value: MISSING, class: 'num', title: point.note ?? '' };
  return { value: percent(point.confidence), class: 'num', title: `${point.test ?? 'test'}: p = ${sig(point.pValue, 2)}` };
}

function verdict(point) {
  const name = verdictOf(point);
  return {
    value: [el('span', { class: 'verdict-name' }, point.isRegression ? 'regression' : name), point.note ? el('div', { class: 'note' }, point.note) : null],
    class: 'change change-' + (point.isRegression ? 'regression' : name),
  };
}

function row(point) {
  return {
    props: { class: point.isRegression ? 'change-regression' : null, 'data-point': point.pointKey },
    cells: [
      point.pointLabel, point.node,
      { value: num(point.baseMean, 1), class: 'num' }, { value: num(point.newMean, 1), class: 'num' },
      { value: ratio(point.ratio), class: 'num ratio' }, { value: change(point), class: 'num' },
      confidence(point), verdict(point), `${point.baseValidity} → ${point.newValidity}`,
    ],
  };
}

function unmatched(title, points) {
  if (!Array.isArray(points) || points.length === 0) return null;
  return el('section', null, el('h2', null, title),
    table(['Point', 'Node', 'Tokens/s'], points.map(p => ({ cells: [p.pointLabel, p.node, { value: num(p.tokensPerSecond, 1), class: 'num' }] })), { class: 'data' }));
}

function side(label, run) {
  return el('p', null, el('strong', null, label + ': '), pageLink(run.suiteName ?? runId(run), '/runs/', runId(run)), ` (${run.reference ?? runId(run)})`);
}

function summary(report, points) {
  const count = verdict => points.filter(p => verdictOf(p) === verdict).length;
  const regressions = points.filter(p => p.isRegression).length;
  return el('p', { class: regressions > 0 ? 'summary bad' : 'summary good', id: 'compare-summary' },
    `${points.length} matched point${points.length === 1 ? '' : 's'}: ${regressions} regression${regressions === 1 ? '' : 's'}, ` +
    `${count('faster')} faster, ${count('slower')} slower, ${count('same')} same, ${count('unknown')} unknown ` +
    `(a regression: slower by more than ${percent(report.threshold, 0)} with confidence above ${percent(1 - report.alpha, 0)}).`);
}

async function showComparison(box, base, current) {
  let report;
  try {
    report = await getJson(`/api/compare?base=${encodeURIComponent(base)}&new=${encodeURIComponent(current)}`);
  } catch (error) {
    // A 404 from an endpoint that exists names the run; one from a coordinator without it is bare.
    if (error instanceof ApiError && error.status === 404 && !/run|tag/i.test(error.message))
      throw new ApiError(404, 'This coordinator does not offer comparisons (GET /api/compare is missing): upgrade it, or use benchcluster compare BASE NEW.', error.path);
    throw error;
  }
  const points = list(report, 'points');
  replace(box,
    side('Base', report.base), side('New', report.new),
    summary(report, points),
    el('div', { class: 'scroll' }, table(['Point', 'Node', 'Base tokens/s', 'New tokens/s', 'New ÷ base', 'Change', 'Confidence', 'Verdict', 'Validity'],
      points.map(row), { class: 'data compare' })),
    unmatched('Only in the base run', report.onlyInBase),
    unmatched('Only in the new run', report.onlyInNew));
}

boot(async main => {
  const query = new URLSearchParams(location.search);
  const base = query.get('base');
  const current = query.get('new');
  const runs = list(await getJson('/api/runs'), 'runs');
  const resultBox = el('div', { id: 'comparison' });
  replace(main,
    el('h1', null, 'Compare runs'),
    el('form', { class: 'compare-form', method: 'get', action: '/compare' },
      runPicker('base', 'Base run', base, runs), runPicker('new', 'New run', current, runs), el('button', { type: 'submit' }, 'Compare')),
    resultBox);
  if (base && current) await showComparison(resultBox, base, current);
});
