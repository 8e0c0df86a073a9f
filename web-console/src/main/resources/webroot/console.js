// The console: log in with the API token, then watch the live figures of the cluster.
import {LiveView} from './live.js';

const TOKEN_KEY = 'assist-token';

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

// The session cookie opens the event stream, which cannot send an Authorization header.
async function logIn(token) {
    const response = await fetch('api/v1/session', {method: 'POST', headers: {Authorization: `Bearer ${token}`}});
    if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        throw new Error(problem.detail ?? `the host answered ${response.status}`);
    }
    sessionStorage.setItem(TOKEN_KEY, token);
}

let live = null;

function showLive() {
    document.getElementById('login').hidden = true;
    document.getElementById('nav').hidden = false;
    document.getElementById('live').hidden = false;
    live = new LiveView(document.getElementById('live'));
    live.start();
}

function showLogin(message) {
    live?.stop();
    live = null;
    sessionStorage.removeItem(TOKEN_KEY);
    document.getElementById('live').hidden = true;
    document.getElementById('nav').hidden = true;
    document.getElementById('login').hidden = false;
    document.getElementById('login-error').textContent = message ?? '';
    document.getElementById('token').focus();
}

document.getElementById('login-form').addEventListener('submit', async event => {
    event.preventDefault();
    const token = document.getElementById('token').value.trim();
    try {
        await logIn(token);
        document.getElementById('token').value = '';
        showLive();
    } catch (error) {
        showLogin(`Not logged in: ${error.message}`);
    }
});

document.getElementById('logout').addEventListener('click', async () => {
    await fetch('api/v1/session', {
        method: 'DELETE', headers: {Authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY)}`}
    }).catch(() => undefined);
    showLogin('Logged out.');
});

showStatus('health', 'health');
showStatus('ready', 'ready');
if (sessionStorage.getItem(TOKEN_KEY)) {
    logIn(sessionStorage.getItem(TOKEN_KEY)).then(showLive, () => showLogin());
}
