// The form that creates an action or adds a version: the API's validation is shown at each field.
import {api} from './api.js';
import {clearErrors, list, result, showErrors} from './dom.js';

function nextPatch(version) {
    const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version ?? '');
    return match ? `${match[1]}.${match[2]}.${Number(match[3]) + 1}` : '';
}

export class ActionForm {
    /**
     * @param preview called with (html, csp, label) once Check finds the card valid
     * @param saved   called with the definition once it is saved
     */
    constructor(form, {preview, saved}) {
        this.form = form;
        this.preview = preview;
        this.saved = saved;
        this.selected = null;
        form.querySelector('#action-check').addEventListener('click', () => this.check());
        form.querySelector('#action-cancel').addEventListener('click', () => {
            form.hidden = true;
        });
        form.addEventListener('submit', event => {
            event.preventDefault();
            this.save();
        });
    }

    // The form starts empty for a new action, or from the latest version with the next patch number.
    edit(selected) {
        this.selected = selected;
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
            if (this.selected) {
                await api(`api/v1/actions/${encodeURIComponent(definition.name)}`, {method: 'PUT', body: definition,
                    headers: {'If-Match': this.selected.etag}});
            } else {
                await api('api/v1/actions', {method: 'POST', body: definition});
            }
            this.form.hidden = true;
            await this.saved(definition);
        } catch (error) {
            showErrors(this.form, error);
        }
    }
}
