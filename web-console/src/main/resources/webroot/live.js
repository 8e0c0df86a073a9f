// The Live page: every node's latency snapshots, breakers and triggers from the event stream.
const HISTORY = 60;
const MAX_TRIGGERS = 20;

function cell(row, text) {
    const td = document.createElement('td');
    td.textContent = text;
    row.appendChild(td);
    return td;
}

function ms(value) {
    return value === null || value === undefined ? '–' : value.toFixed(1);
}

// Sums the nodes' windows: counts and rates add up; percentiles and maximum take the worst node.
function merge(a, b) {
    if (!a) {
        return {...b};
    }
    const worst = key => (a[key] ?? null) === null ? b[key] : (b[key] ?? null) === null ? a[key] : Math.max(a[key], b[key]);
    const count = a.count + b.count;
    return {
        count,
        perSecond: a.perSecond + b.perSecond,
        errorPercent: count === 0 ? 0 : (a.errorPercent * a.count + b.errorPercent * b.count) / count,
        p50Ms: worst('p50Ms'), p95Ms: worst('p95Ms'), p99Ms: worst('p99Ms'), maxMs: worst('maxMs'),
    };
}

export class LiveView {
    constructor(root) {
        this.root = root;
        this.snapshots = new Map();
        this.history = new Map();
        this.source = null;
    }

    start() {
        this.source = new EventSource('api/v1/stream');
        this.source.addEventListener('open', () => this.status('live'));
        this.source.addEventListener('error', () => this.status('reconnecting…'));
        this.source.addEventListener('latency', event => this.latency(JSON.parse(event.data)));
        this.source.addEventListener('trigger', event => this.trigger(JSON.parse(event.data)));
        this.source.addEventListener('reset', () => this.snapshots.clear());
        this.root.querySelector('#node').addEventListener('change', () => this.render());
    }

    stop() {
        this.source?.close();
    }

    status(text) {
        this.root.querySelector('#live-status').textContent = text;
    }

    latency(snapshot) {
        this.snapshots.set(snapshot.node, snapshot);
        const select = this.root.querySelector('#node');
        if (![...select.options].some(option => option.value === snapshot.node)) {
            const option = document.createElement('option');
            option.value = snapshot.node;
            option.textContent = `node ${snapshot.node.slice(0, 8)}`;
            select.appendChild(option);
        }
        this.render();
    }

    rows() {
        const node = this.root.querySelector('#node').value;
        const rows = new Map();
        for (const [id, snapshot] of this.snapshots) {
            if (node !== '*' && node !== id) {
                continue;
            }
            for (const stage of snapshot.stages) {
                const key = `${stage.stage} ${stage.name}`;
                const row = rows.get(key) ?? {stage: stage.stage, name: stage.name, window: null};
                row.window = merge(row.window, stage['10s']);
                rows.set(key, row);
            }
        }
        return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b));
    }

    render() {
        const body = this.root.querySelector('#stages tbody');
        body.replaceChildren();
        for (const [key, row] of this.rows()) {
            const points = this.history.get(key) ?? [];
            points.push(row.window.p95Ms ?? 0);
            this.history.set(key, points.slice(-HISTORY));
            const tr = document.createElement('tr');
            tr.dataset.stage = row.stage;
            cell(tr, row.stage);
            cell(tr, row.name);
            cell(tr, row.window.perSecond.toFixed(1));
            cell(tr, row.window.errorPercent.toFixed(1));
            cell(tr, ms(row.window.p50Ms));
            cell(tr, ms(row.window.p95Ms));
            cell(tr, ms(row.window.p99Ms));
            cell(tr, ms(row.window.maxMs));
            this.sparkline(cell(tr, ''), this.history.get(key));
            body.appendChild(tr);
        }
        const breakers = this.root.querySelector('#breakers');
        breakers.replaceChildren();
        for (const snapshot of this.snapshots.values()) {
            for (const breaker of snapshot.breakers) {
                const item = document.createElement('li');
                item.textContent = `${breaker.name}: ${breaker.state}`;
                item.className = `breaker ${String(breaker.state).toLowerCase()}`;
                breakers.appendChild(item);
            }
        }
    }

    sparkline(container, points) {
        const canvas = document.createElement('canvas');
        canvas.width = 120;
        canvas.height = 24;
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `p95 over the last ${points.length} s`);
        const context = canvas.getContext('2d');
        const top = Math.max(...points, 1);
        context.strokeStyle = '#2457c5';
        context.beginPath();
        points.forEach((value, i) => {
            const x = (i / (HISTORY - 1)) * canvas.width;
            const y = canvas.height - (value / top) * (canvas.height - 2) - 1;
            if (i === 0) {
                context.moveTo(x, y);
            } else {
                context.lineTo(x, y);
            }
        });
        context.stroke();
        container.appendChild(canvas);
    }

    trigger(card) {
        const list = this.root.querySelector('#triggers');
        const item = document.createElement('li');
        item.textContent = `${card.triggeredAt} ${card.action} ${card.version} (${card.group}) in ${card.conversationId}`;
        list.prepend(item);
        while (list.children.length > MAX_TRIGGERS) {
            list.lastElementChild.remove();
        }
    }
}
