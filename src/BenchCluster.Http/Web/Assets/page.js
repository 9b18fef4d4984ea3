// What every page shares: the navigation, the sign-in form shown when the API answers 401, and error messages.
import { el, replace } from './dom.js';
import { ApiError, SignInRequired, getJson, signIn, signOut } from './api.js';

export const main = () => document.getElementById('main');

/** Runs a page's script; a 401 anywhere shows the sign-in form, any other failure a readable error. */
export async function boot(render) {
  const page = document.body.dataset.page;
  for (const link of document.querySelectorAll('nav a'))
    if (link.dataset.nav === page || (page === 'run' && link.dataset.nav === 'runs')) link.classList.add('active');
  try {
    await render(main());
    await showSignOut();
  } catch (error) {
    failed(error);
  }
}

/** Shows what went wrong in place of the page's content. */
export function failed(error) {
  if (error instanceof SignInRequired) {
    showSignIn();
    return;
  }
  replace(main(), errorBox(error));
}

export function errorBox(error) {
  const where = error instanceof ApiError ? ` (${error.path} answered ${error.status})` : '';
  return el('div', { class: 'error', role: 'alert' }, el('strong', null, 'Error: '), String(error.message ?? error), where);
}

async function showSignOut() {
  const session = await getJson('/api/session').catch(() => null);
  const button = el('button', { type: 'button', class: 'link', on: { click: async () => { await signOut(); location.reload(); } } }, 'Sign out');
  replace(document.getElementById('who'), session?.name ? `Signed in as ${session.name} · ` : null, button);
}

function showSignIn() {
  document.title = 'Sign in · BenchCluster';
  const input = el('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true, placeholder: 'bc_…' });
  const message = el('p', { class: 'error', role: 'alert', hidden: true });
  const form = el('form', { class: 'signin', on: { submit: async event => {
    event.preventDefault();
    message.hidden = true;
    try {
      await signIn(input.value.trim());
      location.reload();
    } catch (error) {
      replace(message, error instanceof SignInRequired ? 'That token was not accepted: check it, or create one with benchcluster api-token add NAME.' : String(error.message));
      message.hidden = false;
    }
  } } },
    el('h1', null, 'Sign in'),
    el('p', null, 'This coordinator needs an API token. Create one on the coordinator\u2019s machine with ', el('code', null, 'benchcluster api-token add NAME'), '.'),
    el('label', { for: 'token' }, 'API token'),
    input,
    el('button', { type: 'submit' }, 'Sign in'),
    message);
  replace(main(), form);
  replace(document.getElementById('who'));
  input.focus();
}
