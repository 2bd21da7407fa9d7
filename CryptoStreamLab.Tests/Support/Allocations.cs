namespace CryptoStreamLab.Tests.Support;

/// <summary>Measures what a warmed-up loop allocates on the calling thread.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="run"/> over [<paramref name="from"/>, <paramref name="to"/>) in three equal passes and returns
    /// each pass's allocated bytes. An allocation per item shows in every pass; the runtime's one-off work while it recompiles
    /// hot methods (tiered compilation, late on a busy machine) lands in one at most, so assert on the quietest.
    /// </summary>
    public static long[] ThreePasses(Action<int, int> run, int from, int to)
    {
        var third = (to - from) / 3;
        var allocated = new long[3];
        for (var pass = 0; pass < 3; pass++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            run(from + pass * third, pass == 2 ? to : from + (pass + 1) * third);
            allocated[pass] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return allocated;
    }
}
