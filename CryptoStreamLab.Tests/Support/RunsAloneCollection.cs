namespace CryptoStreamLab.Tests.Support;

/// <summary>
/// Tests whose subject is timing across processes or a browser (a first draw within 3 s, an engine replaced within its
/// session timeout) run with no other test beside them, so what they time is the app and not the rest of the suite
/// competing for the machine's two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAloneCollection
{
    public const string Name = "Runs alone";
}
