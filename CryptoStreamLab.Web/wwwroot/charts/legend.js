// The legend over a chart's top left, as on a trading screen: the chart's title, then the candle under the crosshair (open,
// high, low, close, volume) and every line's value at that time; without a crosshair, the newest. It is plain DOM, so it is
// also what a test reads: data-time (epoch ms) and data-hover ("true" while the crosshair is on a candle) on the legend, and
// on each value data-series (the series' name), data-field (open, high, low, close, volume or value) and data-value (the
// number as drawn, empty for a gap).

import { rowAt } from './series-rows.js';

const CandleFields = [['open', 'O'], ['high', 'H'], ['low', 'L'], ['close', 'C']];

function span(className, text) {
    const element = document.createElement('span');
    element.className = className;
    if (text) element.textContent = text;
    return element;
}

export class Legend {
    // element: the legend's box; series: the chart's series (look and rows); precision: decimals of the chart's prices.
    constructor(element, title, series, precision) {
        this.element = element;
        this.series = series;
        this.hovered = null;
        this.price = new Intl.NumberFormat('en-US', { minimumFractionDigits: precision, maximumFractionDigits: precision });
        this.volume = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
        this.values = [];
        element.replaceChildren();
        if (title) element.append(span('chart-legend-title', title));
        for (const entry of series) {
            const look = entry.look;
            if (look.kind === 'Candlestick') {
                for (const [field, label] of CandleFields) this.add(entry, field, label, this.price);
                if (look.volume) this.add(entry, 'volume', 'V', this.volume);
            } else if (look.kind === 'Line') {
                this.add(entry, 'value', look.name, this.price, look.color);
            }
        }
    }

    add(entry, field, label, format, color) {
        const item = span('chart-legend-item');
        item.dataset.series = entry.look.name;
        item.dataset.field = field;
        const value = span('chart-legend-value');
        if (color) value.style.color = color;
        item.append(span('chart-legend-label', label), value);
        this.element.append(item);
        this.values.push({ entry, field, format, item, value });
    }

    // The crosshair moved: `time` (epoch s) is the candle under it, or null when it left the chart.
    hover(time) {
        this.hovered = time ?? null;
        this.refresh();
    }

    // Shows the hovered candle's values, or the newest candle's; called after every update too.
    refresh() {
        const rows = this.series[0]?.rows ?? [];
        const time = this.hovered ?? (rows.length > 0 ? rows[rows.length - 1].time : null);
        this.element.dataset.time = time === null ? '' : String(Math.round(time * 1000));
        this.element.dataset.hover = String(this.hovered !== null);
        for (const shown of this.values) {
            const row = time === null ? null : rowAt(shown.entry.rows, time);
            const value = row?.[shown.field];
            const raw = value == null ? '' : String(value);
            if (shown.value.dataset.value === raw && shown.value.textContent !== '') continue;
            shown.value.dataset.value = raw;
            shown.value.textContent = value == null ? '—' : shown.format.format(value);
            if (shown.field === 'close' || shown.field === 'open') {
                shown.item.dataset.direction = row && row.close < row.open ? 'down' : 'up';
            }
        }
    }
}
