// The rollout editor of a deployed action: the variants served, their weights and groups.
import {api} from './api.js';
import {clearErrors, el, result, showErrors} from './dom.js';

export class RolloutEditor {
    /** @param saved called with the action's name once its rollout is saved */
    constructor(form, {saved}) {
        this.form = form;
        this.saved = saved;
        this.variantIds = 0;
        form.querySelector('#rollout-add').addEventListener('click', () => this.add({weight: 0, group: ''}));
        form.addEventListener('submit', event => {
            event.preventDefault();
            this.save();
        });
    }

    /** Shows the variants of action {@code name} at revision {@code etag}, choosing among {@code versions}. */
    show(name, etag, versions, variants) {
        this.name = name;
        this.etag = etag;
        this.versions = versions;
        this.form.querySelector('tbody').replaceChildren();
        clearErrors(this.form);
        variants.forEach(variant => this.add(variant));
    }

    add(variant) {
        const body = this.form.querySelector('tbody');
        const i = body.children.length;
        const id = ++this.variantIds;
        const versions = this.versions;
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

    async save() {
        clearErrors(this.form);
        const rows = [...this.form.querySelectorAll('tbody tr')];
        // The API names a bad weight by its place in the list sent: rollout.variants[1].weight.
        rows.forEach((tr, i) => tr.querySelectorAll('[data-variant-field]').forEach(cell => {
            cell.dataset.field = `rollout.variants[${i}].${cell.dataset.variantField}`;
        }));
        const variants = rows.map(tr => ({
            version: tr.querySelector('select').value,
            weight: Number(tr.querySelector('input[type=number]').value),
            group: tr.querySelector('input:not([type=number])').value.trim(),
        }));
        try {
            await api(`api/v1/actions/${encodeURIComponent(this.name)}/rollout`, {method: 'PUT', body: {variants},
                headers: {'If-Match': this.etag}});
            await this.saved(this.name);
            result(this.form, 'Saved.');
        } catch (error) {
            showErrors(this.form, error);
        }
    }
}
