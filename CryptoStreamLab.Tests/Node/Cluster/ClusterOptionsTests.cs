using CryptoStreamLab.Node.Cluster;


namespace CryptoStreamLab.Tests.Node.Cluster;

public sealed class ClusterOptionsTests
{
    [Fact]
    public void No_key_is_fine_with_the_embedded_broker_and_required_on_a_cluster_saying_how_to_make_one()
    {
        new ClusterOptions().Validate(embeddedBroker: true).Should().BeEmpty();

        new ClusterOptions().Validate(embeddedBroker: false).Should().ContainSingle()
            .Which.Should().StartWith("Cluster:SharedKey is required when Kafka:BootstrapServers").And.Contain("openssl rand -base64 32");
    }

    [Theory]
    [InlineData("8f2c5e0a9b7d4163a1e6f0c3b2d5e7f9081a2b3c4d5e6f708192a3b4c5d6e7f8")] // 32 bytes as hex
    [InlineData("jyxeCpt9QWOh5vDDstXn+QgaKzxNXm9wgZKjtMXW5/g=")] // the same as base64
    public void A_key_of_32_bytes_as_hex_or_base64_is_accepted(string key) =>
        new ClusterOptions { SharedKey = key }.Validate(embeddedBroker: false).Should().BeEmpty();

    [Theory]
    [InlineData("c2hvcnQ=", "decodes to 5 bytes")]
    [InlineData("0123456789abcdef", "decodes to 8 bytes")]
    [InlineData("not a key at all!", "neither hex nor base64")]
    public void A_weak_or_unreadable_key_is_refused_without_echoing_it(string key, string expected)
    {
        var problem = new ClusterOptions { SharedKey = key }.Validate(embeddedBroker: true).Should().ContainSingle().Subject;
        problem.Should().Contain("Cluster:SharedKey").And.Contain(expected).And.NotContain(key);
    }
}
