// Applies a stream's newest points to a chart drawn by Plotly.Blazor without re-sending the whole series.
// Plotly.Blazor's extendTraces carries only x and y, so candlesticks (open/high/low/close) and the
// still-open candle, whose last point changes in place, are updated here.

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

// For every trace: drop points before minX (out of the buffer), drop points at or after fromX (they are
// resent, the open candle among them), append the given columns. Returns whether any value changed: a
// flat account's equity, say, comes back identical with every price update and needs no redraw.
function apply(element, [minX, fromX, traces]) {
    let changed = false;
    for (const update of traces) {
        const trace = element.data[update.index];
        if (!trace) continue;
        const xs = trace.x ?? [];
        let head = 0;
        while (head < xs.length && xs[head] < minX) head++;
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

// Applies every pending update and redraws if anything changed; returns the redraw's cost in ms, or null.
async function redraw(element, chart) {
    let changed = false;
    for (const update of chart.updates.splice(0)) changed = apply(element, update) || changed;
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

export function updateTail(id, minX, fromX, traces) {
    let chart = charts.get(id);
    if (!chart) charts.set(id, chart = { updates: [], waitingSince: 0, filled: false, unpacedDrawing: false });
    if (chart.updates.length === 0) chart.waitingSince = performance.now();
    chart.updates.push([minX, fromX, traces]);
    if (chart.filled) schedule();
    else drawUnpaced(id, chart);
}

export function forget(id) {
    charts.delete(id);
}
