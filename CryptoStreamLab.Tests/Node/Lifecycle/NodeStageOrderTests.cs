using CryptoStreamLab.Node.Lifecycle;
using CryptoStreamLab.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CryptoStreamLab.Tests.Node.Lifecycle;

/// <summary>The node's start order is <see cref="NodeStage"/>, whatever order its parts were registered in.</summary>
public sealed class NodeStageOrderTests
{
    [Fact]
    public void Parts_added_in_any_order_are_put_in_stage_order_and_other_hosted_services_keep_their_places()
    {
        var services = new ServiceCollection();
        services.AddNodePart<Part<Ingest>>(NodeStage.Ingest);
        services.AddHostedService<Other>();
        services.AddNodePart<Part<Ledger>>(NodeStage.Ledger);
        services.AddNodePart(NodeStage.Broker, _ => new Part<Broker>());
        services.AddNodePart<Part<Ledger2>>(NodeStage.Ledger);

        services.OrderNodeParts();

        using var provider = services.BuildServiceProvider();
        provider.GetServices<IHostedService>().Select(s => s.GetType()).Should().Equal(
            typeof(Part<Ledger>), typeof(Other), typeof(Part<Ledger2>), typeof(Part<Broker>), typeof(Part<Ingest>));
    }

    [Fact]
    public void A_whole_node_registers_every_stage_once_in_order()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });

        builder.AddCryptoStreamLab();

        var stages = builder.Services.Where(d => d.ServiceType == typeof(IHostedService))
            .Select(d => builder.Services.StageOf(d)).OfType<NodeStage>().ToList();
        stages.Should().BeInAscendingOrder();
        stages.Distinct().Should().Equal(Enum.GetValues<NodeStage>(), "a node with every role runs a part of every stage");
    }

    private sealed class Part<T> : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Other : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Ledger;
    private sealed class Ledger2;
    private sealed class Broker;
    private sealed class Ingest;
}
