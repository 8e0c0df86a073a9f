// The Webhooks page: sinks with their breakers and delivery counts, the delivery log, dead letters, replay.
import {api} from './api.js';
import {clearErrors, el, list, notify, result, row, showErrors, showPage, time} from './dom.js';

const path = id => `api/v1/webhooks/${encodeURIComponent(id)}`;

export class WebhooksPage {
    constructor(root, stream) {
        this.root = root;
        this.form = root.querySelector('#sink-form');
        this.sink = null;
        this.next = null;
        this.form.addEventListener('submit', event => {
            event.preventDefault();
            this.create();
        });
        root.querySelector('#delivery-state').addEventListener('change', () => this.deliveries(false));
        root.querySelector('#delivery-more').addEventListener('click', () => this.deliveries(true));
        root.querySelector('#delivery-replay').addEventListener('click', () => this.replay());
        // A delivery attempt of the sink on show refreshes its log while the page is open.
        stream.on('delivery', attempt => {
            if (!root.hidden && attempt.sink === this.sink) {
                this.refresh();
            }
        });
    }

    show() {
        this.load();
    }

    refresh() {
        clearTimeout(this.pending);
        this.pending = setTimeout(() => {
            this.load();
            this.deliveries(false);
        }, 500);
    }

    async load() {
        try {
            const {body} = await api('api/v1/webhooks');
            const sinks = await Promise.all(body.webhooks.map(sink => api(path(sink.id)).then(r => r.body)));
            this.root.querySelector('#sink-list tbody').replaceChildren(...sinks.map(sink => this.row(sink)));
        } catch (error) {
            notify(`Webhook sinks could not be listed: ${error.message}`, 'error');
        }
    }

    row(sink) {
        const counts = sink.deliveries ?? {};
        const name = el('span', {}, sink.description ? el('span', {text: sink.description}) : null,
            sink.description ? el('br') : null, el('small', {class: 'id', text: sink.id}));
        return row([name, el('span', {class: 'id', text: sink.url}), sink.eventTypes.join(', '),
            sink.enabled ? 'yes' : `no${sink.disabledReason ? ` (${sink.disabledReason})` : ''}`,
            el('span', {class: `breaker ${String(sink.breaker).toLowerCase()}`, text: sink.breaker}),
            counts.pending ?? 0, counts.delivered ?? 0, counts.dead ?? 0,
            el('span', {class: 'buttons'},
                el('button', {type: 'button', text: 'Deliveries', attrs: {'aria-label': `Deliveries of ${sink.id}`},
                    on: {click: () => this.open(sink.id)}}),
                el('button', {type: 'button', class: 'admin-only', text: 'Delete', attrs: {'aria-label': `Delete ${sink.id}`},
                    on: {click: () => this.remove(sink.id)}}))], {data: {sink: sink.id}});
    }

    async create() {
        clearErrors(this.form);
        const field = name => this.form.elements[name].value.trim();
        const request = {url: field('url'), eventTypes: list(field('eventTypes'))};
        if (field('description')) {
            request.description = field('description');
        }
        if (field('secret')) {
            request.secret = field('secret');
        }
        try {
            const {body} = await api('api/v1/webhooks', {method: 'POST', body: request});
            this.form.reset();
            result(this.form, body.secret
                ? `Added ${body.id}. Its signing secret, shown only now: ${body.secret}` : `Added ${body.id}.`);
            await this.load();
        } catch (error) {
            showErrors(this.form, error);
        }
    }

    async remove(id) {
        try {
            await api(path(id), {method: 'DELETE'});
            notify(`Deleted ${id}.`);
            if (this.sink === id) {
                this.sink = null;
                this.root.querySelector('#delivery-box').hidden = true;
            }
        } catch (error) {
            notify(`${id} was not deleted: ${error.message}`, 'error');
        }
        await this.load();
    }

    open(id) {
        this.sink = id;
        this.root.querySelector('#delivery-box').hidden = false;
        this.root.querySelector('#delivery-title').textContent = `Deliveries of ${id}`;
        this.deliveries(false);
    }

    async deliveries(more) {
        if (!this.sink) {
            return;
        }
        const params = new URLSearchParams({limit: '50'});
        const state = this.root.querySelector('#delivery-state').value;
        if (state) {
            params.set('state', state);
        }
        if (more && this.next) {
            params.set('cursor', this.next);
        }
        try {
            const {body} = await api(`${path(this.sink)}/deliveries?${params}`);
            const rows = body.deliveries.map(delivery => row([time(delivery.createdAt), delivery.type,
                delivery.conversationId, delivery.state, delivery.attempts, delivery.lastStatus || '–', delivery.lastDetail,
                time(delivery.nextAttemptAt)], {data: {state: delivery.state}}));
            this.next = showPage(this.root.querySelector('#delivery-list tbody'), rows, more, this.root.querySelector('#delivery-more'),
                body.next);
        } catch (error) {
            notify(`Deliveries could not be listed: ${error.message}`, 'error');
        }
    }

    async replay() {
        try {
            const {body} = await api(`${path(this.sink)}/replay`, {method: 'POST', body: {deadLetters: true}});
            notify(`Replaying ${body.replayed} dead letters of ${this.sink}.`);
        } catch (error) {
            notify(`Replay failed: ${error.message}`, 'error');
        }
        await this.load();
        await this.deliveries(false);
    }
}
