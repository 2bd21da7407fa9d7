namespace CryptoStreamLab.Node.Diagnostics;

public static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>The pipeline's status for the dashboard and the API, and its metrics (meter "CryptoStreamLab").</summary>
    public static IServiceCollection AddPipelineDiagnostics(this IServiceCollection services)
    {
        services.AddSingleton<IPipelineStatusProvider, PipelineStatusProvider>();
        services.AddSingleton<PipelineMetrics>();
        return services;
    }
}
