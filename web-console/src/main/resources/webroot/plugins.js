// The Plugins page: state, extensions, failures and quarantine of each plugin; start, stop, reload, upload.
import {api} from './api.js';
import {el, notify, result, row, time} from './dom.js';

export class PluginsPage {
    constructor(root) {
        this.root = root;
        this.upload = root.querySelector('#plugin-upload');
        this.upload.addEventListener('submit', event => {
            event.preventDefault();
            this.install();
        });
    }

    show() {
        this.load();
    }

    async load() {
        try {
            const {body} = await api('api/v1/plugins');
            this.root.querySelector('#plugin-list tbody').replaceChildren(...body.plugins.map(plugin => this.row(plugin)));
        } catch (error) {
            notify(`Plugins could not be listed: ${error.message}`, 'error');
        }
    }

    row(plugin) {
        const failures = plugin.failures;
        const quarantine = plugin.quarantine.active ? `until ${time(plugin.quarantine.until)}`
            : `no (${plugin.quarantine.count} so far)`;
        const operation = change => el('button', {type: 'button', class: 'admin-only', text: change,
            attrs: {'aria-label': `${change} ${plugin.id}`}, on: {click: () => this.lifecycle(plugin.id, change)}});
        const started = plugin.state === 'STARTED';
        return row([
            el('span', {}, el('strong', {text: plugin.id}), el('br'), el('small', {text: plugin.description ?? ''})),
            plugin.version,
            el('span', {class: `state ${plugin.state.toLowerCase()}`, text: plugin.state,
                attrs: plugin.error ? {title: plugin.error} : {}}),
            el('ul', {class: 'plain'}, ...plugin.extensions.map(extension => el('li', {
                text: `${extension.point}: ${extension.className.split('.').at(-1)}`}))),
            failures.calls, failures.total, failures.timeouts,
            failures.lastError ? `${failures.lastError} (${time(failures.lastFailureAt)})` : (plugin.error ?? '–'),
            quarantine,
            el('span', {class: 'buttons'}, started ? operation('Stop') : operation('Start'), operation('Reload')),
        ], {data: {plugin: plugin.id}});
    }

    async lifecycle(id, change) {
        try {
            const {body} = await api(`api/v1/plugins/${encodeURIComponent(id)}/${change.toLowerCase()}`, {method: 'POST'});
            notify(`${id}: ${body.state}${body.error ? ` (${body.error})` : ''}`);
        } catch (error) {
            notify(`${change} ${id} failed: ${error.message}`, 'error');
        }
        await this.load();
    }

    async install() {
        const file = this.upload.querySelector('#plugin-jar').files[0];
        if (!file) {
            result(this.upload, 'Choose a plugin jar first.');
            return;
        }
        try {
            const {status, body} = await api('api/v1/plugins', {method: 'POST', body: file,
                headers: {'Content-Type': 'application/java-archive'}});
            result(this.upload, `${status === 201 ? 'Installed' : 'Replaced'} ${body.id} ${body.version}: ${body.state}.`);
            this.upload.reset();
        } catch (error) {
            result(this.upload, `Not installed: ${error.message}`);
        }
        await this.load();
    }
}
