namespace CryptoStreamLab.Node.Lifecycle;

/// <summary>
/// Registers a node's running parts (hosted services) with their <see cref="NodeStage"/>, and puts them in stage order
/// once everything is registered. Each part stays an ordinary <see cref="IHostedService"/>: the host starts them in order,
/// stops them in reverse and watches background services as usual.
/// </summary>
public static class NodeParts
{
    /// <summary>Adds a part whose instance the container builds.</summary>
    public static IServiceCollection AddNodePart<TPart>(this IServiceCollection services, NodeStage stage)
        where TPart : class, IHostedService =>
        services.AddPart(ServiceDescriptor.Singleton<IHostedService, TPart>(), stage);

    /// <summary>Adds a part resolved from the container (a singleton registered under its own type as well).</summary>
    public static IServiceCollection AddNodePart(this IServiceCollection services, NodeStage stage, Func<IServiceProvider, IHostedService> factory) =>
        services.AddPart(ServiceDescriptor.Singleton(factory), stage);

    /// <summary>
    /// Puts the registered parts in <see cref="NodeStage"/> order (parts of one stage keep the order they were added in).
    /// Other hosted services keep their places, the web server's among them.
    /// </summary>
    public static IServiceCollection OrderNodeParts(this IServiceCollection services)
    {
        var stages = Registry(services).Stages;
        var slots = new List<int>();
        for (var i = 0; i < services.Count; i++)
            if (stages.ContainsKey(services[i])) slots.Add(i);
        var ordered = slots.Select(i => services[i]).OrderBy(d => stages[d]).ToList();
        for (var k = 0; k < slots.Count; k++) services[slots[k]] = ordered[k];
        return services;
    }

    /// <summary>The stage a registered hosted service was added with; null for one that is not a node part.</summary>
    public static NodeStage? StageOf(this IServiceCollection services, ServiceDescriptor descriptor) =>
        Registry(services).Stages.TryGetValue(descriptor, out var stage) ? stage : null;

    private static IServiceCollection AddPart(this IServiceCollection services, ServiceDescriptor descriptor, NodeStage stage)
    {
        Registry(services).Stages[descriptor] = stage;
        services.Add(descriptor);
        return services;
    }

    private static PartRegistry Registry(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(PartRegistry))?.ImplementationInstance is PartRegistry registry) return registry;
        registry = new PartRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    /// <summary>The stage of every part's descriptor, kept beside the registrations (descriptors compared by reference).</summary>
    private sealed class PartRegistry
    {
        public Dictionary<ServiceDescriptor, NodeStage> Stages { get; } = new(ReferenceEqualityComparer.Instance);
    }
}
