// A run's results (the API's ResultRecord JSON) as the table a person reads: identity, throughput, latency
// percentiles, errors, cost, quality and the verdict with its reasons.
import { el, table } from './dom.js';
import { MISSING, num, percent, sig, usd } from './format.js';

const SETTING_NAMES = {
  threads: 'threads', batchSize: 'batch', microBatchSize: 'ubatch', gpuLayers: 'gpu-layers', kvType: 'kv',
  flashAttention: 'fa', depth: 'depth', concurrency: 'concurrency', rate: 'rate',
};

/** "threads=1 concurrency=2": the settings that were set (depth 0 is the default and left out). */
export function settingsText(settings) {
  return Object.entries(SETTING_NAMES)
    .filter(([key]) => settings?.[key] !== null && settings?.[key] !== undefined && !(key === 'depth' && settings[key] === 0))
    .map(([key, name]) => `${name}=${settings[key]}`)
    .join(' ');
}

/** Where the numbers came from: BenchCluster's version, the engine and the CPU, each distinct value once. */
export function provenanceText(records) {
  const distinct = pick => [...new Set(records.map(pick).filter(Boolean))];
  const versions = distinct(r => r.provenance?.benchClusterVersion &&
    `BenchCluster ${r.provenance.benchClusterVersion}${r.provenance.benchClusterCommit ? ' (' + r.provenance.benchClusterCommit.slice(0, 7) + ')' : ''}`);
  const engines = distinct(r => r.provenance?.engine ?? r.provenance?.backend);
  const cpus = distinct(r => r.provenance?.cpu);
  return [...versions, ...engines, ...cpus.map(c => 'CPU: ' + c)].join(' · ');
}

function cost(record) {
  const c = record.cost ?? {};
  const value = c.usdPerMTokWorkload ?? c.usdPerMTokBlended ?? c.usdPerMTokOutput ?? c.usdPerMTokInput;
  if (value === null || value === undefined) return { value: 'unknown', class: 'muted', title: 'no price for this node or endpoint (the suite has no cost section)' };
  const parts = [['input', c.usdPerMTokInput], ['output', c.usdPerMTokOutput], ['blended', c.usdPerMTokBlended], ['per request', c.usdPerRequest]]
    .filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => `${k} ${usd(v)}`);
  return { value: usd(value), class: 'num', title: [c.basis, ...parts].filter(Boolean).join('; ') };
}

/** "12.3 / 40.1": the median and the 99th percentile of a latency in milliseconds. */
function latency(summary) {
  if (!summary || (summary.p50 == null && summary.p99 == null)) return { value: MISSING, class: 'num' };
  return { value: `${sig(summary.p50)} / ${sig(summary.p99)}`, class: 'num', title: `p50 / p99 over ${summary.count} values` };
}

/** The verdict, coloured, with every reason (and warning) under it. */
function verdict(record) {
  const valid = record.verdict === 'VALID';
  const lines = [...(record.verdictReasons ?? []), ...(record.verdictWarnings ?? []).map(w => 'warning: ' + w)];
  return {
    value: [el('span', { class: 'verdict-name' }, record.verdict ?? MISSING),
      lines.length === 0 ? null : el('ul', { class: 'reasons' }, lines.map(line => el('li', null, line)))],
    class: 'verdict ' + (valid ? 'verdict-valid' : 'verdict-invalid'),
  };
}

function throughput(record) {
  const sd = record.tokensPerSecondStdDev;
  return { value: num(record.tokensPerSecond, 1) + (sd === null || sd === undefined ? '' : ' ± ' + num(sd, 1)), class: 'num',
    title: record.headlineMetric ?? '' };
}

const has = value => value !== null && value !== undefined;

/** Where a row's quality came from and what it is: the hover text of every quality cell. */
function qualitySource(record) {
  const q = record.quality;
  if (!q) return record.qualityNote ?? 'no quality measured';
  const from = q.source === 'joined' ? 'quality point ' + q.sourcePointLabel : 'this quality point';
  return [q.label, from, `corpus ${q.corpusName} (${q.contextTokens} tokens × ${q.windows} windows)`,
    q.referenceName ? 'reference ' + q.referenceName : null, record.qualityNote].filter(Boolean).join('; ');
}

/** "12.5 ± 0.4": a quality figure with its standard error; the dash when not measured. */
function quality(record, value, error, asPercent) {
  const q = record.quality;
  if (!q || !has(q[value])) return { value: MISSING, class: 'num muted', title: qualitySource(record) };
  const text = asPercent ? percent(q[value]) : sig(q[value]) + (has(q[error]) ? ' ± ' + sig(q[error], 2) : '');
  return { value: text + (q.isSynthetic ? ' *' : ''), class: 'num', title: qualitySource(record) };
}

// Every column of the table; an optional column shows only when some point has a value for it (latency and errors
// exist only for request-level scenarios), so a pp/tg run is not a wall of dashes.
const COLUMNS = [
  { header: 'Model', cell: r => r.model },
  { header: 'Quant', cell: r => r.quantization ?? MISSING },
  { header: 'Node', cell: r => r.node },
  { header: 'Scenario', cell: r => r.scenario },
  { header: 'Settings', cell: r => settingsText(r.settings) || MISSING },
  { header: 'Tokens/s ± sd', cell: throughput },
  { header: 'Reps', cell: r => ({ value: String(r.repetitions), class: 'num' }) },
  { header: 'TTFT p50 / p99 ms', cell: r => latency(r.ttftMs), shown: r => has(r.ttftMs) },
  { header: 'TPOT p50 / p99 ms', cell: r => latency(r.tpotMs), shown: r => has(r.tpotMs) },
  { header: 'Errors', cell: r => ({ value: percent(r.errorRate), class: 'num' }), shown: r => has(r.errorRate) },
  { header: '$ / 1M tok', cell: cost },
  // Quality beside speed: a speed row shows its model file's quality point on the same node (* = random weights).
  { header: 'PPL ± se', cell: r => quality(r, 'perplexity', 'perplexityError'), shown: r => has(r.quality) },
  { header: 'KLD ± se', cell: r => quality(r, 'klDivergenceMean', 'klDivergenceMeanError'), shown: r => has(r.quality) },
  { header: 'Top-1', cell: r => quality(r, 'top1Agreement', null, true), shown: r => has(r.quality) },
  { header: 'Verdict and reasons', cell: verdict },
];

export function resultsTable(records) {
  const columns = COLUMNS.filter(c => !c.shown || records.some(c.shown));
  const rows = records.map(record => ({
    props: { 'data-point': record.pointKey, class: record.verdict === 'VALID' ? null : 'invalid' },
    cells: columns.map(c => c.cell(record)),
  }));
  return el('div', { class: 'scroll' }, table(columns.map(c => c.header), rows, { class: 'data results' }));
}
