// The Actions page: list, create and edit (the API's validation shown at each field), versions with a
// diff, deploy and roll back, rollout weights, A/B figures and a preview of the card under its own CSP.
import {api} from './api.js';
import {clearErrors, el, list, ms, notify, percent, result, row, showErrors, time} from './dom.js';
import {diffLines} from './diff.js';
import {prepend} from './live.js';

const path = name => `api/v1/actions/${encodeURIComponent(name)}`;

function nextPatch(version) {
    const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
    return match ? `${match[1]}.${match[2]}.${Number(match[3]) + 1}` : '';
}

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
        this.form = root.querySelector('#action-form');
        this.rollout = root.querySelector('#rollout-form');
        this.selected = null;
        this.mode = null;
        root.querySelector('#action-new').addEventListener('click', () => this.edit(null));
        root.querySelector('#action-edit').addEventListener('click', () => this.edit(this.selected));
        root.querySelector('#action-retire').addEventListener('click', () => this.retire());
        root.querySelector('#action-retired').addEventListener('change', () => this.load());
        root.querySelector('#action-check').addEventListener('click', () => this.check());
        root.querySelector('#action-cancel').addEventListener('click', () => {
            this.form.hidden = true;
        });
        root.querySelector('#diff-from').addEventListener('change', () => this.showDiff());
        root.querySelector('#diff-to').addEventListener('change', () => this.showDiff());
        root.querySelector('#rollout-add').addEventListener('click', () => this.addVariant({weight: 0, group: ''}));
        this.form.addEventListener('submit', event => {
            event.preventDefault();
            this.save();
        });
        this.rollout.addEventListener('submit', event => {
            event.preventDefault();
            this.saveRollout();
        });
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
                    el('button', {type: 'button', text: label, on: {click: () => this.deploy(entry.version)}}),
                    el('button', {type: 'button', text: `Preview ${entry.version}`,
                        on: {click: () => this.preview(entry.definition.content.html, entry.csp, entry.version)}}))]);
        }));
        this.fillDiffChoices();
        this.rollout.querySelector('tbody').replaceChildren();
        clearErrors(this.rollout);
        (deployed?.rollout?.variants ?? []).forEach(variant => this.addVariant(variant));
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

    // The form starts empty for a new action, or from the latest version with the next patch number.
    edit(selected) {
        this.mode = selected ? 'version' : 'create';
        const latest = selected?.versions.at(-1)?.definition;
        const value = (name, fallback) => {
            const input = this.form.elements[name];
            if (input.type === 'checkbox') {
                input.checked = fallback;
            } else {
                input.value = Array.isArray(fallback) ? fallback.join(input.tagName === 'TEXTAREA' ? '\n' : ', ')
                    : fallback ?? '';
            }
        };
        value('name', latest?.name ?? '');
        value('version', latest ? nextPatch(latest.version) : '1.0.0');
        value('description', latest?.description ?? '');
        value('enabled', latest?.enabled ?? true);
        value('trigger.phrases', latest?.trigger.phrases ?? []);
        value('trigger.match', latest?.trigger.match ?? 'any');
        value('trigger.speaker', latest?.trigger.speaker ?? 'customer');
        value('trigger.minConfidence', latest?.trigger.minConfidence ?? 0.7);
        value('trigger.queueIds', latest?.trigger.queueIds ?? []);
        value('trigger.skillIds', latest?.trigger.skillIds ?? []);
        value('trigger.mediaTypes', latest?.trigger.mediaTypes ?? []);
        value('content.html', latest?.content.html ?? '');
        value('ui.position', latest?.ui.position ?? 'right');
        value('ui.size', latest?.ui.size ?? 'medium');
        value('ui.requiredFeatures', latest?.ui.requiredFeatures ?? []);
        this.form.elements.name.readOnly = Boolean(selected);
        this.form.querySelector('#action-form-title').textContent = selected
            ? `New version of ${selected.summary.name}` : 'New action';
        clearErrors(this.form);
        this.form.hidden = false;
        this.form.elements[selected ? 'version' : 'name'].focus();
    }

    definition() {
        const field = name => this.form.elements[name];
        const number = field('trigger.minConfidence').value.trim();
        return {
            name: field('name').value.trim(),
            version: field('version').value.trim(),
            description: field('description').value,
            enabled: field('enabled').checked,
            trigger: {
                phrases: field('trigger.phrases').value.split('\n').map(p => p.trim()).filter(Boolean),
                match: field('trigger.match').value,
                speaker: field('trigger.speaker').value,
                minConfidence: number === '' ? undefined : Number(number),
                queueIds: list(field('trigger.queueIds').value),
                skillIds: list(field('trigger.skillIds').value),
                mediaTypes: list(field('trigger.mediaTypes').value),
            },
            content: {html: field('content.html').value},
            ui: {
                position: field('ui.position').value,
                size: field('ui.size').value,
                requiredFeatures: list(field('ui.requiredFeatures').value),
            },
        };
    }

    async check() {
        clearErrors(this.form);
        try {
            const {body} = await api('api/v1/actions/validate', {method: 'POST', body: this.definition()});
            if (!body.valid) {
                showErrors(this.form, {errors: body.errors});
                return;
            }
            result(this.form, 'Valid.');
            this.preview(this.definition().content.html, body.csp, 'unsaved');
        } catch (error) {
            showErrors(this.form, error);
        }
    }

    async save() {
        clearErrors(this.form);
        const definition = this.definition();
        try {
            if (this.mode === 'create') {
                await api('api/v1/actions', {method: 'POST', body: definition});
            } else {
                await api(path(definition.name), {method: 'PUT', body: definition,
                    headers: {'If-Match': this.selected.etag}});
            }
            this.form.hidden = true;
            notify(`Saved ${definition.name} ${definition.version}.`);
            await this.load();
            await this.select(definition.name);
        } catch (error) {
            showErrors(this.form, error);
        }
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

    addVariant(variant) {
        const body = this.rollout.querySelector('tbody');
        const i = body.children.length;
        const id = this.variantIds = (this.variantIds ?? 0) + 1;
        const versions = this.selected.versions.map(v => v.version);
        const input = (kind, props) => el('input', {id: `rollout-${kind}-${id}`,
            attrs: {'aria-label': `${kind} of variant ${i + 1}`}, ...props});
        const version = el('select', {id: `rollout-version-${id}`, attrs: {'aria-label': `version of variant ${i + 1}`}},
            ...versions.map(v => el('option', {text: v})));
        version.value = variant.version ?? versions.at(-1);
        const cell = (field, content) => el('td', {data: {variantField: field}}, content);
        body.append(el('tr', {},
            cell('version', version),
            cell('weight', input('weight', {type: 'number', min: 0, max: 100, value: variant.weight})),
            cell('group', input('group', {value: variant.group, autocomplete: 'off'})),
            el('td', {}, el('button', {type: 'button', text: 'Remove',
                attrs: {'aria-label': `Remove variant ${i + 1}`}, on: {click: event => event.target.closest('tr').remove()}}))));
    }

    async saveRollout() {
        clearErrors(this.rollout);
        const rows = [...this.rollout.querySelectorAll('tbody tr')];
        // The API names a bad weight by its place in the list sent: rollout.variants[1].weight.
        rows.forEach((tr, i) => tr.querySelectorAll('[data-variant-field]').forEach(cell => {
            cell.dataset.field = `rollout.variants[${i}].${cell.dataset.variantField}`;
        }));
        const variants = rows.map(tr => ({
            version: tr.querySelector('select').value,
            weight: Number(tr.querySelector('input[type=number]').value),
            group: tr.querySelector('input:not([type=number])').value.trim(),
        }));
        const name = this.selected.summary.name;
        try {
            await api(`${path(name)}/rollout`, {method: 'PUT', body: {variants},
                headers: {'If-Match': this.selected.etag}});
            notify(`Rollout of ${name} saved.`);
            await this.select(name);
            result(this.rollout, 'Saved.');
        } catch (error) {
            showErrors(this.rollout, error);
        }
    }
}
