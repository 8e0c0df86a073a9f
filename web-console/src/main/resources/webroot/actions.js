// The Actions page: list, create and edit (the API's validation shown at each field), versions with a
// diff, deploy and roll back, rollout weights, A/B figures and a preview of the card under its own CSP.
import {api} from './api.js';
import {ActionForm} from './action-form.js';
import {el, ms, notify, percent, prepend, row, time} from './dom.js';
import {diffLines} from './diff.js';
import {RolloutEditor} from './rollout.js';

const path = name => `api/v1/actions/${encodeURIComponent(name)}`;

function rolloutText(deployment) {
    return deployment?.rollout?.variants.map(v => `${v.version} ${v.weight} % ${v.group}`).join(', ') ?? '–';
}

// Directives a <meta> policy cannot carry; the sandboxed frame stands in for them.
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

// The card alone in a sandboxed frame (no scripts, an opaque origin) with its CSP as a meta element.
function previewDocument(html, csp) {
    const meta = csp.split(';').map(directive => directive.trim())
        .filter(directive => directive && !HEADER_ONLY.includes(directive.split(/\s+/)[0])).join('; ');
    const attribute = meta.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    return `<!doctype html><html><head><meta charset="utf-8">`
        + `<meta http-equiv="Content-Security-Policy" content="${attribute}"></head><body>${html}</body></html>`;
}

export class ActionsPage {
    constructor(root, stream) {
        this.root = root;
        this.form = new ActionForm(root.querySelector('#action-form'), {
            preview: (html, csp, label) => this.preview(html, csp, label),
            saved: async definition => {
                notify(`Saved ${definition.name} ${definition.version}.`);
                await this.load();
                await this.select(definition.name);
            },
        });
        this.rollout = new RolloutEditor(root.querySelector('#rollout-form'), {
            saved: async name => {
                notify(`Rollout of ${name} saved.`);
                await this.select(name);
            },
        });
        this.selected = null;
        root.querySelector('#action-new').addEventListener('click', () => this.form.edit(null));
        root.querySelector('#action-edit').addEventListener('click', () => this.form.edit(this.selected));
        root.querySelector('#action-retire').addEventListener('click', () => this.retire());
        root.querySelector('#action-retired').addEventListener('change', () => this.load());
        root.querySelector('#diff-from').addEventListener('change', () => this.showDiff());
        root.querySelector('#diff-to').addEventListener('change', () => this.showDiff());
        stream.on('trigger', card => {
            if (card.action === this.selected?.summary.name) {
                prepend(root.querySelector('#action-triggers'), el('li', {
                    text: `${time(card.triggeredAt)} ${card.version} (${card.group}) in ${card.conversationId}`,
                }));
            }
        });
    }

    show() {
        this.load();
    }

    async load() {
        const retired = this.root.querySelector('#action-retired').checked;
        try {
            const {body} = await api(`api/v1/actions${retired ? '?retired=true' : ''}`);
            this.root.querySelector('#action-list tbody').replaceChildren(...body.actions.map(action => row([
                el('button', {type: 'button', class: 'link', text: action.name,
                    on: {click: () => this.select(action.name)}}),
                action.status, action.deployment?.version, rolloutText(action.deployment), action.latestVersion,
                time(action.updatedAt),
            ], {data: {action: action.name}})));
        } catch (error) {
            notify(`Actions could not be listed: ${error.message}`, 'error');
        }
    }

    async select(name) {
        try {
            const [document, versions, metrics] = await Promise.all([api(path(name)),
                api(`${path(name)}/versions`), api(`${path(name)}/metrics`)]);
            this.selected = {summary: document.body, etag: document.etag, versions: versions.body.versions};
            this.renderDetail(metrics.body);
        } catch (error) {
            notify(`Action ${name} could not be shown: ${error.message}`, 'error');
        }
    }

    renderDetail(metrics) {
        const {summary, versions} = this.selected;
        const detail = this.root.querySelector('#action-detail');
        detail.hidden = false;
        this.root.querySelector('#action-detail-title').textContent = `${summary.name} (${summary.status})`;
        const deployed = summary.deployment;
        const served = new Map((deployed?.rollout?.variants ?? []).map(v => [v.version, v]));
        this.root.querySelector('#action-versions tbody').replaceChildren(...[...versions].reverse().map(entry => {
            const variant = served.get(entry.version);
            const older = deployed && !served.has(entry.version) && versions.findIndex(v => v.version === entry.version)
                < versions.findIndex(v => v.version === deployed.version);
            const label = `${older ? 'Roll back to' : 'Deploy'} ${entry.version}`;
            return row([entry.version, time(entry.createdAt), entry.createdBy, entry.definition.description,
                variant ? `${variant.weight} % (${variant.group})` : '',
                el('span', {class: 'buttons'},
                    el('button', {type: 'button', class: 'admin-only', text: label,
                        on: {click: () => this.deploy(entry.version)}}),
                    el('button', {type: 'button', text: `Preview ${entry.version}`,
                        on: {click: () => this.preview(entry.definition.content.html, entry.csp, entry.version)}}))]);
        }));
        this.fillDiffChoices();
        this.rollout.show(summary.name, this.selected.etag, versions.map(v => v.version),
            deployed?.rollout?.variants ?? []);
        this.renderMetrics(metrics);
        this.root.querySelector('#action-triggers').replaceChildren();
        const shown = versions.find(v => v.version === (deployed?.version ?? summary.latestVersion));
        this.preview(shown.definition.content.html, shown.csp, shown.version);
    }

    renderMetrics(metrics) {
        this.root.querySelector('#action-metrics tbody').replaceChildren(...metrics.variants.map(v => row([
            v.version, v.group, v.triggered, v.rendered, v.accepted, v.dismissed, percent(v.acceptanceRate),
            ms(v.renderLatency?.p95Ms)])));
        const tests = metrics.comparison.tests.map(test => {
            const a = test.acceptance;
            return `${test.group} vs ${metrics.comparison.control}: acceptance ${percent(a.rate)} % vs `
                + `${percent(a.controlRate)} %, z ${a.z?.toFixed(2) ?? '–'}, p ${a.pValue?.toFixed(4) ?? '–'}`
                + (a.significant ? ' (significant)' : ' (not significant)');
        });
        this.root.querySelector('#action-comparison').textContent = tests.length
            ? `${tests.join('; ')}. ${metrics.comparison.method}, α ${metrics.comparison.alpha}.`
            : 'No comparison yet: it needs a control and a treatment group with rendered cards.';
    }

    fillDiffChoices() {
        const names = this.selected.versions.map(v => v.version);
        const from = this.root.querySelector('#diff-from');
        const to = this.root.querySelector('#diff-to');
        from.replaceChildren(...names.map(name => el('option', {text: name})));
        to.replaceChildren(...names.map(name => el('option', {text: name})));
        from.value = names[Math.max(0, names.length - 2)];
        to.value = names[names.length - 1];
        this.showDiff();
    }

    showDiff() {
        const definition = version => JSON.stringify(
            this.selected.versions.find(v => v.version === version)?.definition ?? {}, null, 2);
        const lines = diffLines(definition(this.root.querySelector('#diff-from').value),
            definition(this.root.querySelector('#diff-to').value));
        this.root.querySelector('#action-diff').replaceChildren(...lines.map(({op, line}) => el('span', {
            class: op === '+' ? 'added' : op === '-' ? 'removed' : '', text: `${op} ${line}\n`,
        })));
    }

    preview(html, csp, label) {
        this.root.querySelector('#preview-box').hidden = false;
        this.root.querySelector('#preview-title').textContent = `Card preview: ${label}`;
        this.root.querySelector('#preview-csp').textContent = csp;
        this.root.querySelector('#card-preview').srcdoc = previewDocument(html, csp);
    }

    async change(description, call) {
        try {
            await call();
            notify(description);
        } catch (error) {
            notify(`${description.replace(/\.$/, '')} failed: ${error.message}`, 'error');
        }
        await this.load();
        if (this.selected) {
            await this.select(this.selected.summary.name);
        }
    }

    deploy(version) {
        const name = this.selected.summary.name;
        return this.change(`Deployed ${name} ${version}.`, () => api(`${path(name)}/deploy`, {
            method: 'POST', body: {version}, headers: {'If-Match': this.selected.etag},
        }));
    }

    async retire() {
        const name = this.selected.summary.name;
        await this.change(`Retired ${name}.`, () => api(path(name), {
            method: 'DELETE', headers: {'If-Match': this.selected.etag},
        }));
    }


}
