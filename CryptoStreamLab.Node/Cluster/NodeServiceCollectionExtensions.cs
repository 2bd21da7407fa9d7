using CryptoStreamLab.Node.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CryptoStreamLab.Node.Cluster;

public static class NodeServiceCollectionExtensions
{
    /// <summary>
    /// Binds the "Node" section as <c>IOptions&lt;NodeOptions&gt;</c>, validated at start, and registers the
    /// <see cref="ClusterView"/> of the nodes this one hears from.
    /// </summary>
    public static IServiceCollection AddNode(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<NodeOptions>(configuration, NodeOptions.SectionName, o => o.Validate());
        services.TryAddSingleton<ClusterView>();
        // The state consumer hands it the heartbeats it reads.
        services.TryAddSingleton<IHeartbeatSink>(sp => sp.GetRequiredService<ClusterView>());
        return services;
    }

    /// <summary>
    /// The roles the configuration gives this node, for deciding what to register and map before any options exist.
    /// <see cref="NodeRoles.None"/> when "Node:Roles" is not valid: start-up validation then names the key and stops the app.
    /// </summary>
    public static NodeRoles GetNodeRoles(this IConfiguration configuration)
    {
        var options = new NodeOptions();
        SectionBinder.Bind(configuration.GetSection(NodeOptions.SectionName), options);
        return options.ParsedRoles;
    }
}
