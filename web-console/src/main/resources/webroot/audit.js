// The Audit page: search the tamper-evident log and verify its hash chain.
import {api} from './api.js';
import {clearErrors, el, row, showErrors, showPage, time} from './dom.js';

export class AuditPage {
    constructor(root) {
        this.root = root;
        this.form = root.querySelector('#audit-form');
        this.next = null;
        this.form.addEventListener('submit', event => {
            event.preventDefault();
            this.search(false);
        });
        root.querySelector('#audit-more').addEventListener('click', () => this.search(true));
        root.querySelector('#audit-verify').addEventListener('click', () => this.verify());
    }

    show() {
        this.search(false);
    }

    query(more) {
        const params = new URLSearchParams();
        for (const name of ['interaction', 'action', 'kind']) {
            const value = this.form.elements[name].value.trim();
            if (value) {
                params.set(name, value);
            }
        }
        for (const name of ['from', 'to']) {
            const value = this.form.elements[name].value;
            if (value) {
                params.set(name, new Date(value).toISOString());
            }
        }
        if (more && this.next) {
            params.set('cursor', this.next);
        }
        return params;
    }

    async search(more) {
        clearErrors(this.form);
        try {
            const {body} = await api(`api/v1/audit?${this.query(more)}`);
            const rows = body.entries.map(entry => row([entry.id, time(entry.at), entry.kind, entry.actor, entry.subject,
                entry.conversationId, el('details', {},
                    el('summary', {text: entry.details.change ?? entry.action ?? 'details'}),
                    el('pre', {text: JSON.stringify(entry.details, null, 2)}))]));
            this.next = showPage(this.root.querySelector('#audit-list tbody'), rows, more, this.root.querySelector('#audit-more'),
                body.next);
        } catch (error) {
            showErrors(this.form, error);
        }
    }

    async verify() {
        const verdict = this.root.querySelector('#audit-verdict');
        try {
            const {body} = await api('api/v1/audit/verify');
            verdict.textContent = body.valid
                ? `The chain is intact: ${body.entries} entries checked from #${body.from}.`
                : `The chain is broken at #${body.brokenAt}: ${body.reason}`;
            verdict.className = body.valid ? 'ok' : 'error';
        } catch (error) {
            verdict.textContent = `Not verified: ${error.message}`;
            verdict.className = 'error';
        }
    }
}
