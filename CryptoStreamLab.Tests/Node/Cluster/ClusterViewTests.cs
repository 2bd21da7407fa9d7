using CryptoStreamLab.Node.Cluster;

namespace CryptoStreamLab.Tests.Node.Cluster;

public sealed class ClusterViewTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 12, 0, 0, TimeSpan.Zero);

    private static NodeHeartbeat Beat(string node, string roles, DateTimeOffset sent, params string[] streams) =>
        new(node, roles, streams, sent.ToUnixTimeMilliseconds());

    [Fact]
    public void Lists_every_node_by_id_with_its_newest_roles_and_streams()
    {
        var view = new ClusterView();

        view.Record(Beat("node-b", "Engine", T0, "BTCUSDT-1m"), T0);
        view.Record(Beat("node-a", "Ingest,Engine,Dashboard", T0, "LTCUSDT-1m"), T0);
        view.Record(Beat("node-b", "Engine", T0.AddSeconds(2), "BTCUSDT-1m", "ETHUSDT-1m"), T0.AddSeconds(2));

        var nodes = view.Nodes();
        nodes.Select(n => n.Id).Should().Equal("node-a", "node-b");
        nodes[0].Roles.Should().Be("Ingest,Engine,Dashboard");
        nodes[1].Streams.Should().Equal("BTCUSDT-1m", "ETHUSDT-1m");
        nodes[1].LastSeen.Should().Be(T0.AddSeconds(2));
    }

    [Fact]
    public void A_late_older_heartbeat_keeps_the_newer_streams_and_last_seen()
    {
        var view = new ClusterView();
        view.Record(Beat("node-b", "Engine", T0.AddSeconds(5), "BTCUSDT-1m"), T0.AddSeconds(5));

        view.Record(Beat("node-b", "Engine", T0, "BTCUSDT-1m", "ETHUSDT-1m"), T0.AddSeconds(6));

        var node = view.Nodes().Should().ContainSingle().Subject;
        node.Streams.Should().Equal("BTCUSDT-1m");
        node.LastSeen.Should().Be(T0.AddSeconds(5));
    }

    [Fact]
    public void An_engine_is_publishing_while_it_was_heard_from_within_the_liveness_window()
    {
        var view = new ClusterView();
        view.Record(Beat("dash", "Dashboard", T0), T0);
        view.EnginePublishing(T0).Should().BeFalse("a dashboard publishes no state");

        view.Record(Beat("engine", "engine,Dashboard", T0), T0);

        view.EnginePublishing(T0 + ClusterView.Liveness).Should().BeTrue();
        view.EnginePublishing(T0 + ClusterView.Liveness + TimeSpan.FromMilliseconds(1)).Should().BeFalse();
    }

    [Fact]
    public void A_heartbeat_read_long_after_it_was_sent_does_not_make_its_node_look_alive()
    {
        var view = new ClusterView();
        var now = T0.AddHours(1);

        // As a dashboard starting an hour later reads the retained state topic.
        view.Record(Beat("engine", "Engine", T0), now);

        view.Nodes().Single().LastSeen.Should().Be(T0);
        view.EnginePublishing(now).Should().BeFalse();
    }

    [Fact]
    public void A_heartbeat_sent_by_a_clock_ahead_of_ours_counts_from_when_it_arrived()
    {
        var view = new ClusterView();

        view.Record(Beat("engine", "Engine", T0.AddSeconds(30)), T0);

        view.Nodes().Single().LastSeen.Should().Be(T0);
    }

    [Fact]
    public void A_heartbeat_without_a_node_is_refused()
    {
        var view = new ClusterView();

        view.Invoking(v => v.Record(null!, T0)).Should().Throw<ArgumentNullException>();
        view.Invoking(v => v.Record(Beat(" ", "Engine", T0), T0)).Should().Throw<ArgumentException>().WithMessage("*must name its node*");
        view.Nodes().Should().BeEmpty();
    }

    [Fact]
    public void Beyond_the_limit_the_node_heard_from_longest_ago_is_forgotten()
    {
        var view = new ClusterView();
        for (var i = 0; i < ClusterView.MaxNodes; i++)
            view.Record(Beat($"node-{i:D3}", "Engine", T0.AddSeconds(i == 7 ? -1 : i)), T0.AddSeconds(i));

        view.Record(Beat("newcomer", "Engine", T0.AddHours(1)), T0.AddHours(1));

        var ids = view.Nodes().Select(n => n.Id).ToList();
        ids.Should().HaveCount(ClusterView.MaxNodes).And.Contain("newcomer").And.NotContain("node-007");
    }

    [Fact]
    public void Records_from_several_threads_at_once()
    {
        var view = new ClusterView();
        // Ever new ids, built beforehand, so the threads add and forget nodes all the time and do little else.
        var beats = Enumerable.Range(0, 4)
            .Select(w => Enumerable.Range(0, 50_000).Select(i => Beat($"node-{w}-{i}", "Engine", T0.AddMilliseconds(i))).ToArray())
            .ToArray();
        using var start = new Barrier(beats.Length);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var threads = beats.Select(mine => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                foreach (var beat in mine) view.Record(beat, T0);
            }
            catch (Exception e)
            {
                failures.Enqueue(e);
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        failures.Should().BeEmpty();
        view.Nodes().Should().HaveCount(ClusterView.MaxNodes).And.OnlyHaveUniqueItems(n => n.Id);
    }
}
