// Scroll-back, and the charts that follow the candles' time range. The candle chart is created with a .NET handle whose
// LoadHistoryAsync(before) returns the stream's older candles: { more, candles: [series tails of this chart], panel: [series
// tails of the strategy's panel] }. When the user pans or zooms the candle chart so that its left edge lies before its oldest
// candle, one chunk is loaded and put in front of the candles and overlays (and of the same stream's panel chart), then the
// next while the edge is still before the oldest: one request at a time, and none once the server said there is nothing older
// (or failed). The view the user chose stays where it is: the library keeps the view anchored to the newest candle when older
// ones are put in front. From the first request on, these charts keep their older rows when the live buffer moves on, so
// history and live stay one series. The candle chart's box tells its state in data-history: idle, loading, or end.

import { prependRows, rowsOf } from './series-rows.js';

// The left edge counts as before the oldest candle once a whole candle's width of empty time shows there.
const BeforeOldest = -1;

export function attachHistory(state, dotnet) {
    state.history = { dotnet, loading: false, more: true, armed: false };
    state.box.dataset.history = 'idle';
}

// Starts watching the view once the chart shows its first candles, so that opening the page asks for nothing while a chart
// that shows every candle it has leaves no empty time at its left.
export function armHistory(state, linked, redraw) {
    const history = state.history;
    if (!history || history.armed) return;
    history.armed = true;
    loadHistory(state, linked, redraw);
}

export function onRangeChange(state, followers, linked, redraw) {
    const range = state.chart.timeScale().getVisibleLogicalRange();
    if (range) for (const other of followers(state)) follow(other, state, range);
    if (state.history?.armed) loadHistory(state, linked, redraw);
}

// A following chart (the panel, the equity) shows the candle chart's time range: the same candles from the newest back, so
// the logical range shifts by the difference of their lengths (both end at the stream's newest candle).
// A view already set is not set again: each setting redraws the whole chart.
export function follow(other, leader, range = leader.chart.timeScale().getVisibleLogicalRange()) {
    const own = other.series[0]?.rows.length ?? 0;
    const leading = leader.series[0]?.rows.length ?? 0;
    if (!range || own === 0 || leading === 0) return;
    const shift = own - leading;
    const view = { from: range.from + shift, to: range.to + shift };
    if (other.followed && other.followed.from === view.from && other.followed.to === view.to) return;
    other.followed = view;
    other.chart.timeScale().setVisibleLogicalRange(view);
}

// Puts each tail's rows older than its series' first in front of it; returns the most any series got.
export function prependTails(state, tails) {
    let added = 0;
    for (const tail of tails ?? []) {
        const entry = state.series[tail.index];
        if (!entry) continue;
        added = Math.max(added, prependRows(entry.rows, rowsOf(tail.columns)));
    }
    return added;
}

async function loadHistory(state, linked, redraw) {
    const history = state.history;
    if (!history || history.loading || !history.more || !state.alive) return;
    history.loading = true;
    try {
        while (history.more && state.alive) {
            // The view as laid out after the last change.
            await new Promise(resolve => requestAnimationFrame(() => resolve()));
            if (!state.alive) return;
            const range = state.chart.timeScale().getVisibleLogicalRange();
            const oldest = state.series[0].rows[0]?.time;
            if (!range || oldest === undefined || !(range.from < BeforeOldest)) break;
            state.box.dataset.history = 'loading';
            const others = linked(state);
            for (const target of [state, ...others]) target.keepOlder = true;
            // Older than every linked chart's oldest row, so none of them is left with a gap.
            const firsts = others.map(other => other.series[0]?.rows[0]?.time).filter(time => time !== undefined);
            const before = Math.round(Math.max(oldest, ...firsts) * 1000);
            const chunk = await history.dotnet.invokeMethodAsync('LoadHistoryAsync', before);
            if (!state.alive) return;
            const added = prependTails(state, chunk?.candles);
            history.more = Boolean(chunk?.more) && added > 0;
            if (added > 0) redraw(state);
            for (const other of others) {
                if (other.alive && prependTails(other, chunk?.panel) > 0) redraw(other);
            }
            for (const other of others) if (other.alive) follow(other, state);
        }
    } catch (error) {
        // The archive could not be read or the circuit is gone: the chart keeps what it has, live updates go on.
        console.warn(`chart ${state.id}: older candles could not be loaded: ${error}`);
        history.more = false;
    } finally {
        history.loading = false;
        if (state.alive) state.box.dataset.history = history.more ? 'idle' : 'end';
    }
}
