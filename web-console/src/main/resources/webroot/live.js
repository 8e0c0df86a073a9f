// The Live page: every node's latency snapshots, breakers, triggers and fallbacks from the event stream.
import {el, ms, prepend, row, time} from './dom.js';

const HISTORY = 60;
const COLOURS = ['#2457c5', '#c53d24', '#1d8a4e', '#8a5a00', '#7b2fc5', '#0f7c8c', '#b02a6b', '#5b6270'];

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

/** One line about a fallback: which strategy served (or none), why, and for which conversation. */
export function fallbackItem(fallback) {
    const source = fallback.source;
    const served = source.strategy ? `${source.strategy} served` : 'nothing served';
    return el('li', {class: source.strategy ? '' : 'declined',
        text: `${time(fallback.at)} ${served} for ${fallback.conversationId}: ${source.reason}`});
}

export class LivePage {
    constructor(root, stream) {
        this.root = root;
        this.snapshots = new Map();
        this.history = new Map();
        this.chart = null;
        stream.on('latency', snapshot => this.latency(snapshot));
        stream.on('trigger', card => prepend(this.root.querySelector('#triggers'), el('li', {
            text: `${time(card.triggeredAt)} ${card.action} ${card.version} (${card.group}) in ${card.conversationId}`,
        })));
        stream.on('fallback', fallback => prepend(this.root.querySelector('#fallbacks'), fallbackItem(fallback)));
        stream.on('reset', () => this.snapshots.clear());
        this.root.querySelector('#node').addEventListener('change', () => this.render());
    }

    show() {
        this.chart?.resize();
    }

    latency(snapshot) {
        this.snapshots.set(snapshot.node, snapshot);
        const select = this.root.querySelector('#node');
        if (![...select.options].some(option => option.value === snapshot.node)) {
            select.append(el('option', {value: snapshot.node, text: `node ${snapshot.node.slice(0, 8)}`}));
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
                const entry = rows.get(key) ?? {stage: stage.stage, name: stage.name, window: null};
                entry.window = merge(entry.window, stage['10s']);
                rows.set(key, entry);
            }
        }
        return [...rows.entries()].sort(([a], [b]) => a.localeCompare(b));
    }

    render() {
        const rows = this.rows();
        const body = this.root.querySelector('#stages tbody');
        body.replaceChildren();
        for (const [key, entry] of rows) {
            const points = this.history.get(key) ?? [];
            points.push(entry.window.p95Ms ?? 0);
            this.history.set(key, points.slice(-HISTORY));
            const window = entry.window;
            const tr = row([entry.stage, entry.name, window.perSecond.toFixed(1), window.errorPercent.toFixed(1),
                ms(window.p50Ms), ms(window.p95Ms), ms(window.p99Ms), ms(window.maxMs),
                sparkline(this.history.get(key))], {data: {stage: entry.stage}});
            body.append(tr);
        }
        this.renderChart(rows.map(([key]) => key));
        const breakers = this.root.querySelector('#breakers');
        breakers.replaceChildren(...[...this.snapshots.values()].flatMap(snapshot => snapshot.breakers)
            .map(breaker => el('li', {
                class: `breaker ${String(breaker.state).toLowerCase()}`, text: `${breaker.name}: ${breaker.state}`,
            })));
    }

    // Chart.js is a classic script from the WebJar; without it the table and sparklines still work.
    renderChart(keys) {
        if (!window.Chart) {
            return;
        }
        const datasets = keys.map((key, i) => ({
            label: key, data: this.history.get(key), borderColor: COLOURS[i % COLOURS.length], pointRadius: 0,
            borderWidth: 1.5,
        }));
        // The axis grows with the history, up to a minute, so the first seconds already draw a line.
        const length = Math.max(...datasets.map(dataset => dataset.data.length), 2);
        const labels = Array.from({length}, (_, i) => i - length + 1);
        for (const dataset of datasets) {
            dataset.data = [...Array(length - dataset.data.length).fill(null), ...dataset.data];
        }
        if (!this.chart) {
            this.chart = new window.Chart(this.root.querySelector('#latency-chart'), {
                type: 'line',
                data: {labels, datasets},
                options: {
                    animation: false, maintainAspectRatio: false, spanGaps: true,
                    scales: {
                        x: {title: {display: true, text: 'seconds ago'}},
                        y: {beginAtZero: true, title: {display: true, text: 'p95 ms (10 s window)'}},
                    },
                    plugins: {legend: {position: 'bottom', labels: {boxWidth: 12}}},
                },
            });
            return;
        }
        this.chart.data.labels = labels;
        this.chart.data.datasets = datasets;
        this.chart.update('none');
    }
}

function sparkline(points) {
    const canvas = el('canvas', {width: 120, height: 24,
        attrs: {role: 'img', 'aria-label': `p95 over the last ${points.length} s`}});
    const context = canvas.getContext('2d');
    const top = Math.max(...points, 1);
    context.strokeStyle = '#2457c5';
    context.beginPath();
    points.forEach((value, i) => {
        const x = (i / Math.max(points.length - 1, 1)) * canvas.width;
        const y = canvas.height - (value / top) * (canvas.height - 2) - 1;
        if (i === 0) {
            context.moveTo(x, y);
        } else {
            context.lineTo(x, y);
        }
    });
    context.stroke();
    return canvas;
}
