// Page "/fleet": the live worker nodes (device, CPU, memory, price, power, health) and the model files they hold.
import { el, replace, table } from './dom.js';
import { getJson, list } from './api.js';
import { boot, failed } from './page.js';
import { MISSING, bytesGiB, num, sig, when } from './format.js';

const REFRESH_MS = 10000;

const first = (...values) => values.find(v => v !== null && v !== undefined);

function health(node) {
  const value = String(first(node.health, node.status, 'live')).toLowerCase();
  const seen = first(node.lastSeen, node.iAmAliveAt);
  return { value: seen ? `${value} (seen ${when(seen)})` : value, class: 'health health-' + value.split(/\W/)[0] };
}

function devices(node) {
  if (Array.isArray(node.devices) && node.devices.length > 0)
    return el('ul', { class: 'plain' }, node.devices.map(d => el('li', null, `${first(d.kind, d.deviceKind, '')}: ${first(d.name, d.deviceName, '')}`)));
  return `${node.deviceKind ?? MISSING}: ${node.deviceName ?? MISSING}`;
}

function nodeRow(node) {
  return {
    props: { 'data-node': node.nodeName },
    cells: [
      el('strong', null, node.nodeName ?? MISSING), devices(node), node.cpuModel ?? MISSING,
      { value: String(node.cores ?? MISSING), class: 'num' }, { value: bytesGiB(node.ramBytes), class: 'num' },
      { value: bytesGiB(node.vramBytes), class: 'num' },
      { value: node.priceUsdPerHour ? '$' + sig(node.priceUsdPerHour) : 'unpriced', class: 'num' },
      { value: node.watts ? num(node.watts, 0) : MISSING, class: 'num' },
      { value: String((node.models ?? []).length), class: 'num' }, health(node), node.siloAddress ?? MISSING,
    ],
  };
}

/** Model files by SHA-256, with the nodes that hold each, from /api/models (or the nodes' own lists). */
function modelRows(models, nodes) {
  if (models.length === 0)
    models = nodes.flatMap(n => (n.models ?? []).map(m => ({ ...m, nodes: [n.nodeName] })));
  return models.map(m => ({
    cells: [
      m.fileName ?? MISSING, m.architecture ?? MISSING, m.quantization ?? MISSING,
      { value: m.sizeBytes === undefined ? MISSING : num(m.sizeBytes / 1e6, 1), class: 'num' },
      m.isSynthetic ? `synthetic ${m.syntheticPreset ?? ''}`.trim() : 'real',
      el('code', { title: m.sha256 ?? '' }, (m.sha256 ?? MISSING).slice(0, 12)),
      (m.nodes ?? m.nodeNames ?? []).map(n => typeof n === 'string' ? n : n.nodeName).join(', ') || MISSING,
    ],
  }));
}

async function render(nodesBox, modelsBox) {
  const [nodes, models] = await Promise.all([getJson('/api/nodes').then(b => list(b, 'nodes')), getJson('/api/models').then(b => list(b, 'models'))]);
  replace(nodesBox, nodes.length === 0
    ? el('p', { class: 'empty' }, 'No worker is connected. Start one with ', el('code', null, 'benchcluster worker'), '.')
    : el('div', { class: 'scroll' }, table(['Node', 'Device', 'CPU', 'Cores', 'RAM GiB', 'VRAM GiB', '$ / hour', 'Watts', 'Models', 'Health', 'Silo'],
      nodes.map(nodeRow), { class: 'data nodes' })));
  const rows = modelRows(models, nodes);
  replace(modelsBox, rows.length === 0
    ? el('p', { class: 'empty' }, 'The workers hold no model files.')
    : el('div', { class: 'scroll' }, table(['File', 'Architecture', 'Quant', 'MB', 'Kind', 'SHA-256', 'Nodes'], rows, { class: 'data models' })));
}

boot(async main => {
  const nodesBox = el('div', { id: 'nodes' });
  const modelsBox = el('div', { id: 'models' });
  replace(main, el('h1', null, 'Fleet'), el('h2', null, 'Nodes'), nodesBox, el('h2', null, 'Models'), modelsBox);
  await render(nodesBox, modelsBox);
  const tick = () => render(nodesBox, modelsBox).then(() => setTimeout(tick, REFRESH_MS), failed);
  setTimeout(tick, REFRESH_MS);
});
