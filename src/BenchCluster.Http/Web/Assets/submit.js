// The form on the runs page that submits a suite (YAML) through POST /api/runs and opens the new run's page.
import { el, replace } from './dom.js';
import { ApiError, SignInRequired, withFix } from './api.js';
import { failed } from './page.js';

export function submitForm() {
  const yaml = el('textarea', { id: 'suite-yaml', name: 'suite', rows: 10, spellcheck: 'false', required: true,
    placeholder: 'name: my-suite\nmodels:\n  - {name: tiny, preset: tiny, type: f16}\nscenarios:\n  - {name: tg16, kind: tg, output_tokens: 16}' });
  const name = el('input', { id: 'suite-name', name: 'name', placeholder: 'suite.yaml' });
  const message = el('div', { class: 'error', role: 'alert', hidden: true });
  const form = el('form', { class: 'submit', on: { submit: async event => {
    event.preventDefault();
    message.hidden = true;
    try {
      const query = name.value.trim() ? '?name=' + encodeURIComponent(name.value.trim()) : '';
      const response = await fetch('/api/runs' + query, {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/yaml', Accept: 'application/json' }, body: yaml.value,
      });
      if (response.status === 401) throw new SignInRequired();
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new ApiError(response.status, rejection(body, response), '/api/runs');
      location.assign('/runs/' + encodeURIComponent(body.runId ?? body.id));
    } catch (error) {
      if (error instanceof SignInRequired) { failed(error); return; }
      replace(message, String(error.message));
      message.hidden = false;
    }
  } } },
    el('label', { for: 'suite-yaml' }, 'Suite (YAML, as in docs/suite-format.md)'), yaml,
    el('label', { for: 'suite-name' }, 'File name (optional)'), name,
    el('button', { type: 'submit' }, 'Submit'),
    message);
  return el('details', { class: 'submit-box' }, el('summary', null, 'Submit a suite'), form);
}

/** Every problem the coordinator found in the suite, one per line. */
function rejection(body, response) {
  if (Array.isArray(body.errors)) return 'The suite was rejected:\n' + body.errors.join('\n');
  if (body.error) return withFix(body.error, body.fix);
  return body.detail ?? body.title ?? `${response.status} ${response.statusText}`;
}
