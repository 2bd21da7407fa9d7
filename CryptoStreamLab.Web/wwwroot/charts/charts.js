// The app's charts, drawn with TradingView's Lightweight Charts 5 (App.razor loads its standalone build, which defines
// window.LightweightCharts). .NET creates a chart from a descriptor (its series in order and how each looks, its guides, its
// scale), then sends the newest points of every render: update(id, minX, fromX, tails) drops what lies before minX (out of
// the buffer), replaces everything from fromX on (the open candle moves in place) and draws the change at once: the newest
// bar through the series' update(), anything else through setData(). setData(id, tails) replaces everything, prepend(id,
// tails) puts older points in front. The library paints on the next animation frame, so every update the circuit renders
// is on screen one frame later; there is no pacing here (the render limit per browser is on the server). Scroll-back and
// the charts that follow the candles' view are in history.js, the legend in legend.js.

import { applyRows, candleItem, hasValue, lineItem, rowsOf, volumeItem } from './series-rows.js';
import { Legend } from './legend.js';
import { armHistory, attachHistory, follow, onRangeChange, prependTails } from './history.js';
import { VolumeColors, baseOptions, themeOptions } from './theme.js';

// Charts of the page by the id of the element they draw in.
const charts = new Map();

// The strategy's panel (the seed's RSI chart, or another strategy's) takes the older points the candle chart loads; it and the
// equity chart show the candle chart's time range.
const PanelKinds = ['rsi', 'panel'];
const FollowerKinds = [...PanelKinds, 'equity'];

const LineStyles = { Solid: 0, Dotted: 1, Dashed: 2 };

function sameStream(state, kinds) {
    return [...charts.values()].filter(other => other !== state && other.stream !== null && other.stream === state.stream && kinds.includes(other.kind));
}

const linked = state => sameStream(state, PanelKinds);
const followers = state => sameStream(state, FollowerKinds);

function leaderOf(state) {
    if (!FollowerKinds.includes(state.kind)) return null;
    return [...charts.values()].find(other => other.stream === state.stream && other.kind === 'candles') ?? null;
}

// A fixed range (the RSI's 0-100), or the series' own range widened to show every guide (start balance, floor).
function autoscale(descriptor) {
    const range = descriptor.range;
    if (range && range.length === 2) return () => ({ priceRange: { minValue: range[0], maxValue: range[1] } });
    const guides = (descriptor.guides ?? []).map(guide => guide.value);
    if (guides.length === 0) return undefined;
    return original => {
        const result = original();
        if (!result?.priceRange) return result;
        const { minValue, maxValue } = result.priceRange;
        return { ...result, priceRange: { minValue: Math.min(minValue, ...guides), maxValue: Math.max(maxValue, ...guides) } };
    };
}

function addSeries(L, chart, look, shared) {
    if (look.kind === 'Candlestick') {
        return chart.addSeries(L.CandlestickSeries, {
            ...shared, upColor: look.color, downColor: look.downColor, borderVisible: false, wickUpColor: look.color, wickDownColor: look.downColor,
        }, 0);
    }
    return chart.addSeries(L.LineSeries, {
        ...shared, color: look.color, lineWidth: look.width, lineStyle: LineStyles[look.style] ?? 0,
        lastValueVisible: look.lastValue, priceLineVisible: false, crosshairMarkerRadius: 3,
    }, 0);
}

// Creates (or creates again) the chart drawn in the element `id`. `stream` links a stream's charts (null for a chart of its
// own); `dotnet`, when given, is the handle the candle chart loads older candles through.
export function create(id, descriptor, stream, dotnet, dark) {
    forget(id);
    const host = document.getElementById(id);
    const L = window.LightweightCharts;
    if (!host) return;
    if (!L) throw new Error('Lightweight Charts is not loaded');
    const box = host.closest('.live-chart') ?? host.parentElement;
    const chart = L.createChart(host, baseOptions(host.clientWidth, host.clientHeight, Boolean(descriptor.seconds)));
    chart.applyOptions(themeOptions(dark));

    const precision = descriptor.precision ?? 2;
    const shared = { priceFormat: { type: 'price', precision, minMove: 10 ** -precision }, autoscaleInfoProvider: autoscale(descriptor) };
    const series = descriptor.series.map(look => ({ look, rows: [], api: null, volume: null }));
    for (const entry of series) {
        if (entry.look.kind === 'Markers') continue;
        entry.api = addSeries(L, chart, entry.look, shared);
        if (entry.look.volume) {
            entry.volume = chart.addSeries(L.HistogramSeries, { priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false }, 1);
            // Four fifths of the height for the prices, one for the volume.
            chart.panes()[0].setStretchFactor(4);
            chart.panes()[1].setStretchFactor(1);
        }
    }
    // A fixed range (the RSI's 0-100) fills the pane, rather than keeping the margins a fitted scale leaves.
    if (descriptor.range) chart.priceScale('right', 0).applyOptions({ scaleMargins: { top: 0.06, bottom: 0.06 } });
    const guided = series.find(entry => entry.api !== null)?.api;
    for (const guide of descriptor.guides ?? []) {
        guided?.createPriceLine({ price: guide.value, color: guide.color, lineWidth: 1, lineStyle: LineStyles.Dashed, axisLabelVisible: true, title: '' });
    }
    const markers = series.some(entry => entry.look.kind === 'Markers') && series[0].api ? L.createSeriesMarkers(series[0].api, []) : null;

    const legendElement = box.querySelector('.chart-legend');
    const legend = legendElement ? new Legend(legendElement, descriptor.title, series, precision) : null;
    const state = {
        id, box, host, chart, series, markers, legend, stream: stream ?? null, kind: box.dataset.chart ?? null,
        keepOlder: false, history: null, alive: true, shown: false, resize: null,
    };
    charts.set(id, state);

    state.resize = new ResizeObserver(() => {
        if (state.alive && host.clientWidth > 0) chart.resize(host.clientWidth, host.clientHeight);
    });
    state.resize.observe(host);
    chart.subscribeCrosshairMove(param => legend?.hover(param.time ?? null));
    if (state.kind === 'candles') chart.timeScale().subscribeVisibleLogicalRangeChange(() => onRangeChange(state, followers, linked, redraw));
    if (dotnet) attachHistory(state, dotnet);
}

// Draws every series again from its rows (after older rows were put in front).
function redraw(state) {
    for (const entry of state.series) {
        if (!entry.api) continue;
        entry.api.setData(entry.rows.map(entry.look.kind === 'Candlestick' ? candleItem : lineItem));
        entry.volume?.setData(entry.rows.map(row => volumeItem(row, VolumeColors)));
    }
    state.markers?.setMarkers(markersOf(state));
    shown(state);
}

function draw(entry, change) {
    const item = entry.look.kind === 'Candlestick' ? candleItem : lineItem;
    if (change.reset) {
        entry.api.setData(entry.rows.map(item));
        entry.volume?.setData(entry.rows.map(row => volumeItem(row, VolumeColors)));
        return;
    }
    for (const row of change.rows) {
        entry.api.update(item(row));
        entry.volume?.update(volumeItem(row, VolumeColors));
    }
}

// The fills as arrows: a buy below its candle pointing up, a sell above it pointing down. Each keeps its series' name as its
// id and its fill price, so the chart's markers say which fill they are.
function markersOf(state) {
    const list = [];
    for (const entry of state.series) {
        if (entry.look.kind !== 'Markers') continue;
        const up = entry.look.marker !== 'Down';
        for (const row of entry.rows) {
            list.push({
                time: row.time, position: up ? 'belowBar' : 'aboveBar', shape: up ? 'arrowUp' : 'arrowDown',
                color: entry.look.color, id: entry.look.name, price: row.value, size: 1,
            });
        }
    }
    return list.sort((a, b) => a.time - b.time);
}

// After a change: the empty state, the legend, the first view, and the links between a stream's charts.
function shown(state) {
    const filled = state.series.some(entry => entry.look.kind !== 'Markers' && entry.rows.some(hasValue));
    state.box.dataset.empty = String(!filled);
    state.legend?.refresh();
    if (!state.shown && state.series[0]?.rows.length > 0) {
        state.shown = true;
        firstView(state);
    }
    const leader = leaderOf(state);
    if (leader) follow(state, leader);
}

// The library lays a change out on the next animation frame; until then it reports the view as it was.
function nextFrame() {
    return new Promise(resolve => requestAnimationFrame(() => resolve()));
}

// A stream's chart opens on its newest candles, at a width that reads; one with fewer candles than its width holds spreads
// them over it, rather than leaving empty time at its left, and a chart of its own (a backtest's) shows all of its points.
// The candle chart starts watching for scroll-back once that view is laid out.
async function firstView(state) {
    await nextFrame();
    const timeScale = state.chart.timeScale();
    const range = state.alive ? timeScale.getVisibleLogicalRange() : null;
    if (range && (range.from < 0 || state.stream === null)) {
        timeScale.fitContent();
        await nextFrame();
    }
    if (state.alive && state.history) armHistory(state, linked, redraw);
}

export function update(id, minX, fromX, tails) {
    const state = charts.get(id);
    if (!state) return;
    const started = performance.now();
    const minT = minX / 1000, fromT = fromX / 1000;
    let changed = false, markers = false;
    for (const tail of tails) {
        const entry = state.series[tail.index];
        if (!entry) continue;
        const change = applyRows(entry.rows, minT, fromT, rowsOf(tail.columns), state.keepOlder);
        if (!change) continue;
        changed = true;
        if (entry.api) draw(entry, change);
        else markers = true;
    }
    if (markers) state.markers?.setMarkers(markersOf(state));
    if (!changed) return;
    shown(state);
    registry.onDraw?.(state.kind, performance.timeOrigin + started, performance.now() - started);
}

// Replaces everything the chart holds with the tails' points (each series not in the tails is left as it is).
export function setData(id, tails) {
    update(id, -Number.MAX_VALUE, -Number.MAX_VALUE, tails);
}

// Puts older points in front of the chart's series, as scroll-back does; the view stays on the candles it showed, and the
// chart keeps older points from then on.
export function prepend(id, tails) {
    const state = charts.get(id);
    if (!state) return;
    state.keepOlder = true;
    if (prependTails(state, tails) > 0) redraw(state);
}

export function setTheme(id, dark) {
    charts.get(id)?.chart.applyOptions(themeOptions(dark));
}

export function forget(id) {
    const state = charts.get(id);
    if (!state) return;
    charts.delete(id);
    state.alive = false;
    state.resize?.disconnect();
    state.chart.remove();
}

function stateOf(target) {
    const box = typeof target === 'string' ? document.querySelector(`[data-chart="${target}"]`) : target;
    return [...charts.values()].find(state => state.box === box || state.host === box) ?? null;
}

// What each chart holds, read back from the library: its series' points (times in epoch ms, null for a gap), the volume
// pane's bars and the markers. For tests and tools; `chart(kind)` gives the chart itself (to pan it, or find a candle's x).
// `onDraw(kind, startedAt, ms)`, when set, is called after every update a chart drew.
function read(target) {
    const state = stateOf(target);
    if (!state) return null;
    const ms = time => Math.round(time * 1000);
    const markers = state.markers?.markers() ?? [];
    return {
        kind: state.kind,
        empty: state.box.dataset.empty === 'true',
        panes: state.chart.panes().length,
        series: state.series.map(entry => {
            const look = entry.look;
            if (!entry.api) {
                const own = markers.filter(marker => marker.id === look.name);
                return { name: look.name, kind: look.kind, pane: 0, x: own.map(m => ms(m.time)), y: own.map(m => m.price ?? null) };
            }
            // The library leaves gaps out of data(): a point per row, with the library's value at its time or null.
            const byTime = new Map(entry.api.data().map(d => [d.time, d]));
            const points = entry.rows.map(row => byTime.get(row.time) ?? null);
            const result = { name: look.name, kind: look.kind, pane: entry.api.getPane().paneIndex(), x: entry.rows.map(row => ms(row.time)) };
            if (look.kind === 'Candlestick') for (const field of ['open', 'high', 'low', 'close']) result[field] = points.map(d => d?.[field] ?? null);
            else result.y = points.map(d => d?.value ?? null);
            if (entry.volume) {
                const bars = entry.volume.data();
                result.volume = { pane: entry.volume.getPane().paneIndex(), x: bars.map(d => ms(d.time)), y: bars.map(d => d.value ?? null) };
            }
            return result;
        }),
    };
}

const registry = Object.assign(window.appCharts ?? { onDraw: null }, { read, chart: target => stateOf(target)?.chart ?? null });
window.appCharts = registry;
