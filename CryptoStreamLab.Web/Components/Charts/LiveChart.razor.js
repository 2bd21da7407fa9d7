// Applies a stream's newest points to a chart drawn by Plotly.Blazor without re-sending the whole series.
// Plotly.Blazor's extendTraces carries only x and y, so candlesticks (open/high/low/close) and the
// still-open candle, whose last point changes in place, are updated here. A chart attached with a .NET
// handle also scrolls back: panned or zoomed to before its oldest candle, it loads older ones (see below).

// Charts of the page by element id, each with its updates not yet drawn. A chart's first draw with data
// happens as soon as its points arrive, so a page opens with every chart filled. After that the page
// redraws one chart at a time, the one waiting longest, so a redraw never holds up the pushed figures for
// more than one chart's drawing time.
const charts = new Map();
let drawing = false;
let nextAllowed = 0;
let wakeUp = null;

// Plotly.Blazor draws the chart asynchronously once plotly.js is ready; wait for that draw before
// touching its data, and give up if the element never gets drawn (the component went away).
function whenPlotted(id) {
    return new Promise(resolve => {
        const started = performance.now();
        const check = () => {
            const element = document.getElementById(id);
            if (element && element.data && window.Plotly) resolve(element);
            else if (performance.now() - started > 15000) resolve(null);
            else setTimeout(check, 25);
        };
        check();
    });
}

// For every trace: drop points before minX (out of the buffer) unless the chart keeps older points (it has
// scrolled back), drop points at or after fromX (they are resent, the open candle among them), append the
// given columns. Returns whether any value changed: a flat account's equity, say, comes back identical with
// every price update and needs no redraw.
function apply(element, [minX, fromX, traces], keepOlder) {
    let changed = false;
    for (const update of traces) {
        const trace = element.data[update.index];
        if (!trace) continue;
        const xs = trace.x ?? [];
        let head = 0;
        while (!keepOlder && head < xs.length && xs[head] < minX) head++;
        let keep = xs.length;
        while (keep > head && xs[keep - 1] >= fromX) keep--;
        for (const [name, values] of Object.entries(update.columns)) {
            const column = Array.isArray(trace[name]) ? trace[name] : [];
            if (head > 0 || column.length - keep !== values.length || values.some((value, i) => column[keep + i] !== value)) changed = true;
            column.length = Math.min(column.length, keep);
            for (const value of values) column.push(value);
            if (head > 0) column.splice(0, head);
            trace[name] = column;
        }
    }
    return changed;
}

// A chart with no value to show (no candle yet, an indicator still warming up) shows its "No data yet" state
// instead of Plotly's placeholder axes.
function hasValues(element) {
    return element.data.some(trace => (trace.close ?? trace.y ?? []).some(value => value !== null && value !== undefined));
}

// Applies every pending update and redraws if anything changed (or `changed` says the data already did);
// returns the redraw's cost in ms, or null.
async function redraw(element, chart, changed = false) {
    for (const update of chart.updates.splice(0)) changed = apply(element, update, chart.keepOlder) || changed;
    if (!changed) return null;
    const filled = hasValues(element);
    element.layout.datarevision = (element.layout.datarevision ?? 0) + 1;
    const started = performance.now();
    await window.Plotly.react(element, element.data, element.layout);
    const cost = performance.now() - started;
    element.closest('.live-chart')?.setAttribute('data-empty', String(!filled));
    chart.filled = filled;
    return cost;
}

// Redrawing is the costliest thing the page does, and a figure pushed while a chart redraws waits for it.
// After each redraw the page waits before the next one: PaceFactor times the recent cost of a redraw, so
// redraws take at most 1/25 of its time, and proportionally longer once a redraw costs more than
// FastRedrawMs, which on a page like this one means the browser is short of CPU: the slower the redraws,
// the smaller their share. A browser on its own machine (10-15 ms a redraw) redraws two or three times a
// second, so each of its three charts about once a second; one sharing two cores with nineteen others
// (30-80 ms, some much longer) every few seconds, and keeps its figures on time instead of falling behind.
// The cost is averaged over recent redraws (weight Smoothing for the newest) and the wait capped at
// MaxWaitMs, so one unlucky redraw (a garbage collection, a burst of load) does not freeze the charts.
// BENCHMARKS.md has the measurements behind these numbers.
const PaceFactor = 24;
const FastRedrawMs = 20;
const Smoothing = 0.3;
const MaxWaitMs = 5000;
let recentCost = null;

function schedule() {
    if (drawing || wakeUp !== null) return;
    const wait = Math.max(0, nextAllowed - performance.now());
    wakeUp = setTimeout(() => { wakeUp = null; drawOne(); }, wait);
}

async function drawOne() {
    let id = null, chart = null;
    for (const [candidate, state] of charts) {
        if (state.filled && state.updates.length > 0 && (chart === null || state.waitingSince < chart.waitingSince)) [id, chart] = [candidate, state];
    }
    if (chart === null) return;
    drawing = true;
    try {
        const element = await whenPlotted(id);
        if (element && charts.get(id) === chart) {
            const cost = await redraw(element, chart);
            if (cost !== null) {
                recentCost = recentCost === null ? cost : recentCost + Smoothing * (cost - recentCost);
                const wait = PaceFactor * recentCost * Math.max(1, recentCost / FastRedrawMs);
                nextAllowed = performance.now() + Math.min(MaxWaitMs, wait);
            }
        } else {
            chart.updates.length = 0;
        }
    } catch (error) {
        console.warn(`chart ${id}: ${error}`);
        chart.updates.length = 0;
    } finally {
        drawing = false;
        if ([...charts.values()].some(state => state.filled && state.updates.length > 0)) schedule();
    }
}

// Until a chart shows data, its updates are drawn at once, outside the pacing: the first draw belongs to the
// page's first render, and an empty chart costs little to draw. One draw of a chart at a time; updates that
// arrive meanwhile are drawn right after it.
async function drawUnpaced(id, chart) {
    if (chart.unpacedDrawing) return;
    chart.unpacedDrawing = true;
    try {
        const element = await whenPlotted(id);
        while (element && charts.get(id) === chart && !chart.filled && chart.updates.length > 0) await redraw(element, chart);
        if (!element) chart.updates.length = 0;
    } catch (error) {
        console.warn(`chart ${id}: ${error}`);
        chart.updates.length = 0;
    } finally {
        chart.unpacedDrawing = false;
        if (chart.updates.length > 0) schedule();
    }
}

function chartOf(id) {
    let chart = charts.get(id);
    if (!chart) charts.set(id, chart = { updates: [], waitingSince: 0, filled: false, unpacedDrawing: false, keepOlder: false, stream: null, kind: null, history: null });
    return chart;
}

export function updateTail(id, minX, fromX, traces) {
    const chart = chartOf(id);
    if (chart.updates.length === 0) chart.waitingSince = performance.now();
    chart.updates.push([minX, fromX, traces]);
    if (chart.filled) schedule();
    else drawUnpaced(id, chart);
}

export function forget(id) {
    charts.delete(id);
}

// Scroll-back. The candle chart is attached with a .NET handle whose LoadHistoryAsync(before) returns the
// stream's older candles: { more, candles: [traces of this chart], panel: [traces of the strategy's panel] }.
// When the user pans or zooms the candle chart so that its left edge lies before its oldest candle, one chunk is
// loaded and put in front of the candles and overlays (and of the same stream's panel chart), then the next
// while the edge is still before the oldest: one request at a time, and none once the server said there is
// nothing older (or failed). The view the user chose stays where it is. From the first request on, these
// charts keep their older points when the live buffer moves on, so history and live stay one series.
// The panel chart follows the candle chart's time range, so it shows the series of the candles in view.
// The candle chart's box tells its state in data-history: idle, loading, or end.

export function attach(id, stream, kind, dotnet) {
    const chart = chartOf(id);
    chart.stream = stream;
    chart.kind = kind;
    if (!dotnet || chart.history) return;
    chart.history = { dotnet, loading: false, more: true };
    whenPlotted(id).then(element => {
        if (!element || charts.get(id) !== chart || typeof element.on !== 'function') return;
        element.closest('.live-chart')?.setAttribute('data-history', 'idle');
        element.on('plotly_relayout', event => {
            if (!Object.keys(event ?? {}).some(key => key.startsWith('xaxis'))) return;
            followRange(chart, element);
            loadHistory(id, chart, element);
        });
    });
}

// The strategy's panel: the seed's RSI chart, or another strategy's panel.
const PanelKinds = ['rsi', 'panel'];

// The other charts of the stream that show the candle chart's time range and take its history.
function linked(chart) {
    return [...charts.entries()].filter(([, other]) => other !== chart && other.stream === chart.stream && PanelKinds.includes(other.kind));
}

function followRange(chart, element) {
    const axis = element.layout.xaxis ?? {};
    const update = axis.autorange === true || !Array.isArray(axis.range)
        ? { 'xaxis.autorange': true }
        : { 'xaxis.range': [...axis.range] };
    for (const [id] of linked(chart)) {
        const other = document.getElementById(id);
        if (other && other.data && other.layout) window.Plotly.relayout(other, update).catch(error => console.warn(`chart ${id}: ${error}`));
    }
}

// A range end as epoch ms: Plotly gives a date axis's range as 'yyyy-mm-dd hh:mm:ss.sss' in UTC (or shorter),
// or as the numbers it was set with.
function toMs(value) {
    if (typeof value === 'number') return value;
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2})(?::(\d{2})(?::(\d{2}(?:\.\d*)?))?)?)?/.exec(String(value ?? '').trim());
    if (!match) return NaN;
    const [, y, mo, d, h = '0', mi = '0', sec = '0'] = match;
    return Date.UTC(+y, +mo - 1, +d, +h, +mi, 0) + Math.round(parseFloat(sec) * 1000);
}

function leftEdge(element) {
    const axis = element.layout.xaxis ?? {};
    if (axis.autorange === true || !Array.isArray(axis.range)) return null;
    const left = toMs(axis.range[0]);
    return Number.isFinite(left) ? left : null;
}

function firstX(element) {
    const xs = element?.data?.[0]?.x;
    return xs && xs.length > 0 ? xs[0] : null;
}

// Puts the points older than each trace's first in front of it; returns whether any were added.
function prepend(element, traces) {
    let changed = false;
    for (const update of traces ?? []) {
        const trace = element.data[update.index];
        const xs = update.columns.x ?? [];
        if (!trace || xs.length === 0) continue;
        const first = trace.x && trace.x.length > 0 ? trace.x[0] : Infinity;
        let count = 0;
        while (count < xs.length && xs[count] < first) count++;
        if (count === 0) continue;
        for (const [name, values] of Object.entries(update.columns)) {
            const column = Array.isArray(trace[name]) ? trace[name] : [];
            trace[name] = values.slice(0, count).concat(column);
        }
        changed = true;
    }
    return changed;
}

async function loadHistory(id, chart, element) {
    const history = chart.history;
    if (!history || history.loading || !history.more) return;
    const box = element.closest('.live-chart');
    history.loading = true;
    try {
        while (history.more && charts.get(id) === chart) {
            const left = leftEdge(element), oldest = firstX(element);
            if (left === null || oldest === null || left >= oldest) break;
            box?.setAttribute('data-history', 'loading');
            const others = linked(chart).map(([otherId, other]) => [other, document.getElementById(otherId)]).filter(([, e]) => e && e.data);
            for (const target of [chart, ...others.map(([other]) => other)]) target.keepOlder = true;
            // Older than every linked chart's oldest point, so none of them is left with a gap.
            const before = Math.max(oldest, ...others.map(([, e]) => firstX(e)).filter(x => x !== null));
            const chunk = await history.dotnet.invokeMethodAsync('LoadHistoryAsync', before);
            if (charts.get(id) !== chart) return;
            const added = prepend(element, chunk?.candles);
            history.more = Boolean(chunk?.more) && added;
            await redraw(element, chart, added);
            for (const [other, otherElement] of others) {
                if (prepend(otherElement, chunk?.panel)) await redraw(otherElement, other, true);
            }
        }
    } catch (error) {
        // The archive could not be read or the circuit is gone: the chart keeps what it has, live updates go on.
        console.warn(`chart ${id}: older candles could not be loaded: ${error}`);
        history.more = false;
    } finally {
        history.loading = false;
        box?.setAttribute('data-history', history.more ? 'idle' : 'end');
    }
}
