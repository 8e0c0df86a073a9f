// The one event stream of the console: every page listens to it, so none misses what happened while hidden.
export class Stream {
    constructor() {
        this.source = null;
        this.listeners = new Map();
    }

    start() {
        this.source = new EventSource('api/v1/stream');
        this.source.addEventListener('open', () => this.emit('status', 'live'));
        this.source.addEventListener('error', () => this.emit('status', 'reconnecting…'));
        for (const type of ['latency', 'breaker', 'trigger', 'delivery', 'fallback']) {
            this.source.addEventListener(type, event => this.emit(type, JSON.parse(event.data)));
        }
        this.source.addEventListener('reset', () => this.emit('reset', null));
    }

    stop() {
        this.source?.close();
        this.source = null;
    }

    /** Calls {@code listener} with each event of {@code type} (or 'status' for the connection state). */
    on(type, listener) {
        const listeners = this.listeners.get(type) ?? [];
        listeners.push(listener);
        this.listeners.set(type, listeners);
    }

    emit(type, data) {
        (this.listeners.get(type) ?? []).forEach(listener => listener(data));
    }
}
