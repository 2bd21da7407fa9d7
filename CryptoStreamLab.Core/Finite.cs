namespace CryptoStreamLab.Core;

/// <summary>
/// NaN means "not ready" (an indicator still warming up) or "not known" in a computed figure; JSON and charts show that
/// as null, never as NaN or an infinity (JSON has neither, and a chart would draw it). Every output that turns a double
/// into a nullable one does it here.
/// </summary>
public static class Finite
{
    /// <summary><paramref name="value"/> when it is a finite number, otherwise null.</summary>
    public static double? OrNull(double value) => double.IsFinite(value) ? value : null;

    /// <summary><paramref name="value"/> when it is a finite number, otherwise null (null stays null).</summary>
    public static double? OrNull(double? value) => value is { } v ? OrNull(v) : null;
}
