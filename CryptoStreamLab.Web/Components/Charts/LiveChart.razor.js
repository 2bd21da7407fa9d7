// Applies a stream's newest points to a chart drawn by Plotly.Blazor without re-sending the whole series.
// Plotly.Blazor's extendTraces carries only x and y, so candlesticks (open/high/low/close) and the
// still-open candle, whose last point changes in place, are updated here.

const queues = new Map();

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
// resent, the open candle among them), append the given columns. Then one redraw for the whole chart.
function apply(element, minX, fromX, traces) {
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
            column.length = Math.min(column.length, keep);
            for (const value of values) column.push(value);
            if (head > 0) column.splice(0, head);
            trace[name] = column;
        }
    }
    element.layout.datarevision = (element.layout.datarevision ?? 0) + 1;
    return window.Plotly.react(element, element.data, element.layout);
}

export function updateTail(id, minX, fromX, traces) {
    const previous = queues.get(id) ?? Promise.resolve();
    const next = previous
        .then(() => whenPlotted(id))
        .then(element => element ? apply(element, minX, fromX, traces) : undefined)
        .catch(error => console.warn(`chart ${id}: ${error}`));
    queues.set(id, next);
}

export function forget(id) {
    queues.delete(id);
}
