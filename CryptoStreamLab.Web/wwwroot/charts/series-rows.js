// A chart's series as rows (time in epoch seconds, the values the server sent), kept in step with the server's updates, and
// what the rows become for Lightweight Charts. Rows always have strictly rising times: the library refuses anything else.

// Rows from the server's columns: `time` (epoch ms) with `value`, or with `open`, `high`, `low`, `close` and `volume`.
// A time not after the one before it is dropped. A null value is a gap (an indicator still warming up).
export function rowsOf(columns) {
    const times = columns?.time ?? [];
    const candles = Array.isArray(columns?.open);
    const rows = [];
    let last = -Infinity;
    for (let i = 0; i < times.length; i++) {
        const time = times[i] / 1000;
        if (!(time > last)) continue;
        last = time;
        rows.push(candles
            ? { time, open: columns.open[i], high: columns.high[i], low: columns.low[i], close: columns.close[i], volume: columns.volume?.[i] ?? null }
            : { time, value: columns.value?.[i] ?? null });
    }
    return rows;
}

function sameRow(a, b) {
    return a.time === b.time && a.value === b.value && a.open === b.open && a.high === b.high && a.low === b.low
        && a.close === b.close && a.volume === b.volume;
}

// Applies one update to a series' rows in place: drops the rows before minT (epoch s) unless the chart keeps older rows (it
// has scrolled back), and replaces the rows from fromT on with the incoming ones. Returns null when nothing changed (a flat
// account's equity comes back identical with every price update), else how to draw the change: { rows } to pass to the
// series' update() in order (nothing dropped, at most the newest row replaced by one of the same time), or { reset: true }
// for setData().
export function applyRows(rows, minT, fromT, incoming, keepOlder) {
    let head = 0;
    if (!keepOlder) while (head < rows.length && rows[head].time < minT) head++;
    let keep = rows.length;
    while (keep > head && rows[keep - 1].time >= fromT) keep--;
    const lastKept = keep > head ? rows[keep - 1].time : -Infinity;
    let start = 0;
    while (start < incoming.length && incoming[start].time <= lastKept) start++;
    const added = start === 0 ? incoming : incoming.slice(start);
    const removed = rows.slice(keep);
    if (head === 0 && removed.length === added.length && removed.every((row, i) => sameRow(row, added[i]))) return null;

    rows.length = keep;
    for (const row of added) rows.push(row);
    if (head > 0) rows.splice(0, head);

    const replacesNewest = removed.length === 1 && added.length > 0 && added[0].time === removed[0].time;
    if (head > 0 || added.length > 2 || (removed.length > 0 && !replacesNewest)) return { reset: true };
    return { rows: replacesNewest && sameRow(removed[0], added[0]) ? added.slice(1) : added };
}

// Puts the incoming rows older than the first row in front of the rows; returns how many were added.
export function prependRows(rows, incoming) {
    const first = rows.length > 0 ? rows[0].time : Infinity;
    let count = 0;
    while (count < incoming.length && incoming[count].time < first) count++;
    if (count > 0) rows.unshift(...incoming.slice(0, count));
    return count;
}

// The row at `time`, or null (binary search: rows rise strictly).
export function rowAt(rows, time) {
    let low = 0, high = rows.length - 1;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const at = rows[middle].time;
        if (at === time) return rows[middle];
        if (at < time) low = middle + 1; else high = middle - 1;
    }
    return null;
}

export function hasValue(row) {
    return row.close != null || row.value != null;
}

// Lightweight Charts' data items. A row without a value is whitespace: a time with no point, drawn as a gap.
export function candleItem(row) {
    return { time: row.time, open: row.open, high: row.high, low: row.low, close: row.close };
}

export function volumeItem(row, colors) {
    return row.volume == null ? { time: row.time } : { time: row.time, value: row.volume, color: row.close >= row.open ? colors.up : colors.down };
}

export function lineItem(row) {
    return row.value == null ? { time: row.time } : { time: row.time, value: row.value };
}
