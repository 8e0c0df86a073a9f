// The console: log in with the API token, then move between the pages named in the navigation bar.
import {api, token} from './api.js';
import {notify} from './dom.js';
import {Stream} from './stream.js';
import {LivePage} from './live.js';
import {ActionsPage} from './actions.js';
import {PluginsPage} from './plugins.js';
import {WebhooksPage} from './webhooks.js';
import {AuditPage} from './audit.js';
import {SandboxPage} from './sandbox.js';

const PAGES = {
    live: LivePage, actions: ActionsPage, plugins: PluginsPage, webhooks: WebhooksPage, audit: AuditPage,
    sandbox: SandboxPage,
};

async function showStatus(path, elementId) {
    const element = document.getElementById(elementId);
    try {
        const response = await fetch(path, {headers: {Accept: 'application/json'}});
        const body = await response.json();
        element.textContent = response.ok ? body.status : `${body.status ?? response.status}: ${body.detail ?? ''}`;
    } catch (error) {
        element.textContent = `unreachable (${error.message})`;
    }
}

// The session cookie opens the event stream, which cannot send an Authorization header. The answer names the
// token's scope: a read token is offered no changes, which the host would refuse.
async function logIn(value) {
    token.set(value);
    try {
        const {body} = await api('api/v1/session', {method: 'POST'});
        const readOnly = body?.scope !== 'admin';
        document.body.classList.toggle('read-only', readOnly);
        document.getElementById('token-scope').textContent = readOnly
            ? `token ${body?.name ?? ''}: read only, changes need an admin token` : `token ${body?.name ?? ''}`;
    } catch (error) {
        token.clear();
        throw error;
    }
}

let session = null;

/** What exists while logged in: the stream and the pages built on it. */
class Session {
    constructor() {
        this.stream = new Stream();
        this.pages = Object.fromEntries(Object.entries(PAGES)
            .map(([id, Page]) => [id, new Page(document.getElementById(id), this.stream)]));
        this.current = null;
        this.stream.on('status', text => {
            document.getElementById('stream-status').textContent = `stream: ${text}`;
        });
        this.stream.start();
    }

    show(id) {
        const next = this.pages[id] ? id : 'live';
        this.current = next;
        for (const [pageId, page] of Object.entries(this.pages)) {
            page.root.hidden = pageId !== next;
        }
        document.querySelectorAll('#nav a').forEach(link => {
            if (link.getAttribute('href') === `#${next}`) {
                link.setAttribute('aria-current', 'page');
            } else {
                link.removeAttribute('aria-current');
            }
        });
        document.title = `${this.pages[next].root.querySelector('h2').textContent} · assist-host`;
        notify('');
        this.pages[next].show();
    }
}

function start() {
    document.getElementById('login').hidden = true;
    document.getElementById('nav').hidden = false;
    session = new Session();
    session.show(location.hash.slice(1));
}

const LOGIN_MESSAGE_KEY = 'assist-login-message';

// Pages keep their listeners and what they show for the life of the document: a session ends with a fresh
// document, so that the next one (perhaps another token's) starts from nothing.
function endSession(message) {
    token.clear();
    sessionStorage.setItem(LOGIN_MESSAGE_KEY, message);
    location.reload();
}

function showLogin(message) {
    if (session) {
        endSession(message);
        return;
    }
    token.clear();
    document.querySelectorAll('.page').forEach(page => {
        page.hidden = true;
    });
    document.getElementById('nav').hidden = true;
    document.body.classList.remove('read-only');
    document.getElementById('token-scope').textContent = '';
    document.getElementById('login').hidden = false;
    document.getElementById('login-error').textContent = message ?? '';
    document.getElementById('token').focus();
}

window.addEventListener('hashchange', () => {
    if (session) {
        session.show(location.hash.slice(1));
        document.getElementById('content').focus();
    }
});

document.addEventListener('assist:unauthorized', event => {
    if (session) {
        showLogin(`Logged out: ${event.detail ?? 'the token was refused'}`);
    }
});

document.getElementById('login-form').addEventListener('submit', async event => {
    event.preventDefault();
    try {
        await logIn(document.getElementById('token').value.trim());
        document.getElementById('token').value = '';
        start();
    } catch (error) {
        showLogin(`Not logged in: ${error.message}`);
    }
});

document.getElementById('logout').addEventListener('click', async () => {
    await api('api/v1/session', {method: 'DELETE'}).catch(() => undefined);
    showLogin('Logged out.');
});

showStatus('health', 'health');
showStatus('ready', 'ready');
const loginMessage = sessionStorage.getItem(LOGIN_MESSAGE_KEY);
sessionStorage.removeItem(LOGIN_MESSAGE_KEY);
if (loginMessage) {
    showLogin(loginMessage);
} else if (token.get()) {
    logIn(token.get()).then(start, () => showLogin());
}
