namespace CryptoStreamLab.Core.Strategy;

/// <summary>The <see cref="BollingerReversion"/> strategy's parameters.</summary>
public sealed class BollingerReversionParameters
{
    [Param(Min = 2, Max = 10_000, Description = "Closes in the moving average and its standard deviation.")]
    public int Period { get; set; } = 20;

    [Param(Min = 0.1, Max = 10, Description = "Band half-width in standard deviations.")]
    public double Deviations { get; set; } = 2;
}
