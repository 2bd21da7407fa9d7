using CryptoStreamLab.Core.Engine;

namespace CryptoStreamLab.Web.Http;

internal static class EvaluationIndex
{
    /// <summary>Evaluations are in open-time order: the index of the first opening at or after <paramref name="time"/>.</summary>
    public static int FirstAtOrAfter(IReadOnlyList<Evaluation> evaluations, long time)
    {
        int low = 0, high = evaluations.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (evaluations[middle].Candle.OpenTime < time) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
