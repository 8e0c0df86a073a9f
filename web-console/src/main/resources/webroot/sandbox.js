// The Sandbox page: the emulator's fault switches, and what they do: breakers opening, fallbacks serving.
import {api} from './api.js';
import {clearErrors, el, notify, prepend, result, row, showErrors} from './dom.js';
import {fallbackItem} from './live.js';

export class SandboxPage {
    constructor(root, stream) {
        this.root = root;
        this.form = root.querySelector('#fault-form');
        this.breakers = new Map();
        this.fallbacks = 0;
        this.declined = 0;
        this.form.addEventListener('submit', event => {
            event.preventDefault();
            this.apply();
        });
        root.querySelector('#fault-clear').addEventListener('click', () => this.clear());
        stream.on('latency', snapshot => {
            snapshot.breakers.forEach(breaker => this.breakers.set(`${snapshot.node} ${breaker.name}`,
                {...breaker, node: snapshot.node}));
            this.renderBreakers();
        });
        stream.on('breaker', change => {
            this.breakers.set(`${change.node} ${change.name}`, change);
            this.renderBreakers();
        });
        stream.on('fallback', fallback => {
            if (fallback.source.strategy) {
                this.fallbacks++;
            } else {
                this.declined++;
            }
            root.querySelector('#fallback-count').textContent = String(this.fallbacks);
            root.querySelector('#fallback-declined').textContent = String(this.declined);
            prepend(root.querySelector('#sandbox-fallbacks'), fallbackItem(fallback), 10);
        });
    }

    show() {
        this.load();
    }

    async load() {
        try {
            const {body} = await api('sandbox/faults');
            this.render(body);
        } catch (error) {
            this.form.hidden = true;
            this.root.querySelector('#sandbox-mode').textContent = error.status === 404
                ? 'The host runs in live mode: there is no emulator to switch faults on.'
                : `The sandbox could not be reached: ${error.message}`;
        }
    }

    render(state) {
        const target = this.form.elements.target;
        const chosen = target.value;
        target.replaceChildren(el('option', {value: '*', text: 'every call (tokens too)'}),
            ...state.knowledgeBases.map(base => el('option', {value: base.id, text: `${base.name} (${base.role})`})));
        target.value = chosen || '*';
        this.root.querySelector('#sandbox-mode').textContent = `Emulator at ${state.emulator.url}, `
            + `${state.emulator.activeConversations} conversations playing.`;
        this.root.querySelector('#fault-list tbody').replaceChildren(...state.faults.map(fault => row([
            this.name(state, fault.target), fault.latencyMs, fault.jitterMs, fault.errorRate, fault.errorStatus,
            fault.rateLimitRetryAfterSeconds, fault.outage ? 'yes' : 'no'])));
        const stats = state.emulator.stats;
        this.root.querySelector('#emulator-stats').replaceChildren(...Object.entries(stats).flatMap(([key, value]) =>
            [el('dt', {text: key}), el('dd', {text: String(value)})]));
    }

    name(state, target) {
        return target === '*' ? 'every call' : state.knowledgeBases.find(base => base.id === target)?.name ?? target;
    }

    request() {
        const field = name => this.form.elements[name];
        const number = name => field(name).value.trim() === '' ? undefined : Number(field(name).value);
        return {
            target: field('target').value,
            latencyMs: number('latencyMs'),
            jitterMs: number('jitterMs'),
            errorRate: number('errorRate'),
            errorStatus: number('errorStatus'),
            rateLimitRetryAfterSeconds: number('rateLimitRetryAfterSeconds'),
            outage: field('outage').checked,
            expireTokens: field('expireTokens').checked,
        };
    }

    async apply() {
        clearErrors(this.form);
        try {
            const {body} = await api('sandbox/faults', {method: 'POST', body: this.request()});
            result(this.form, 'Applied.');
            this.render(body);
        } catch (error) {
            showErrors(this.form, error);
        }
    }

    async clear() {
        try {
            const {body} = await api('sandbox/faults', {method: 'DELETE'});
            notify('Every fault is cleared.');
            this.render(body);
        } catch (error) {
            notify(`Faults not cleared: ${error.message}`, 'error');
        }
    }

    renderBreakers() {
        this.root.querySelector('#sandbox-breakers').replaceChildren(...[...this.breakers.values()]
            .sort((a, b) => a.name.localeCompare(b.name))
            .map(breaker => el('li', {class: `breaker ${String(breaker.state).toLowerCase()}`,
                data: {breaker: breaker.name, state: breaker.state},
                text: `${breaker.name}: ${breaker.state}${breaker.failures ? ` (${breaker.failures} failures)` : ''}`})));
    }
}
