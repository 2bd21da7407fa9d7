// The charts' colours for the app's light and dark themes, and the options every chart shares. The background stays
// transparent, so a chart takes the colour of the card it sits on.

const Themes = {
    dark: { text: '#b2b5be', grid: 'rgba(138, 143, 152, 0.14)', border: 'rgba(138, 143, 152, 0.35)', crosshair: '#9598a1', label: '#363a45' },
    light: { text: '#4c525e', grid: 'rgba(120, 123, 134, 0.16)', border: 'rgba(120, 123, 134, 0.4)', crosshair: '#787b86', label: '#787b86' },
};

export const VolumeColors = { up: 'rgba(38, 166, 154, 0.5)', down: 'rgba(239, 83, 80, 0.5)' };

export function themeOptions(dark) {
    const theme = dark ? Themes.dark : Themes.light;
    return {
        layout: {
            background: { type: 'solid', color: 'transparent' },
            textColor: theme.text,
            panes: { separatorColor: theme.border, separatorHoverColor: theme.grid },
        },
        grid: { vertLines: { color: theme.grid }, horzLines: { color: theme.grid } },
        rightPriceScale: { borderColor: theme.border },
        timeScale: { borderColor: theme.border },
        crosshair: {
            vertLine: { color: theme.crosshair, labelBackgroundColor: theme.label },
            horzLine: { color: theme.crosshair, labelBackgroundColor: theme.label },
        },
    };
}

// What does not change with the theme: the library's attribution logo (its licence asks for the link), wheel zoom and drag
// pan (vertical touch drags scroll the page, not the chart), a crosshair that moves freely, UTC times as the rest of the page.
export function baseOptions(width, height, seconds) {
    return {
        width, height,
        layout: { fontSize: 11, attributionLogo: true },
        crosshair: { mode: 0 },
        handleScroll: { mouseWheel: true, pressedMouseMove: true, horzTouchDrag: true, vertTouchDrag: false },
        handleScale: { mouseWheel: true, pinch: true, axisPressedMouseMove: true, axisDoubleClickReset: true },
        timeScale: { timeVisible: true, secondsVisible: seconds, rightOffset: 3, shiftVisibleRangeOnNewBar: true },
        localization: { locale: 'en-US', dateFormat: 'yyyy-MM-dd' },
    };
}
