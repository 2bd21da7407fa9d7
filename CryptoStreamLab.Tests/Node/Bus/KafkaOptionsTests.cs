using CryptoStreamLab.Node.Bus;
using CryptoStreamLab.Node.Wire;
using CryptoStreamLab.Tests.Node.Wire;

namespace CryptoStreamLab.Tests.Node.Bus;

public sealed class KafkaOptionsTests
{
    private static List<string> Problems(KafkaOptions options) => options.Validate().ToList();

    [Fact]
    public void The_unconsumed_limit_defaults_below_what_the_embedded_broker_keeps_and_is_checked()
    {
        new KafkaOptions().EffectiveMaxUnconsumed.Should().Be(KafkaOptions.EmbeddedMaxUnconsumed);
        new KafkaOptions { BootstrapServers = "kafka:9092" }.EffectiveMaxUnconsumed.Should().Be(0, "a real broker keeps what its retention says");
        Problems(new KafkaOptions { MaxUnconsumed = 80_000 }).Should().ContainSingle().Which.Should().Contain("Kafka:MaxUnconsumed is 80000");
        Problems(new KafkaOptions { MaxUnconsumed = 0 }).Should().NotBeEmpty("the embedded broker would drop what was not read");
        Problems(new KafkaOptions { MaxUnconsumed = -1, BootstrapServers = "kafka:9092" }).Should().NotBeEmpty();
        Problems(new KafkaOptions { MaxUnconsumed = 0, BootstrapServers = "kafka:9092" }).Should().BeEmpty();
        Problems(new KafkaOptions { MaxUnconsumed = 30_000 }).Should().BeEmpty();
    }

    [Fact]
    public void The_defaults_are_valid_and_mean_the_embedded_broker()
    {
        var options = new KafkaOptions();

        Problems(options).Should().BeEmpty();
        options.IsEmbedded.Should().BeTrue();
        options.Topic.Should().Be("StreamQuant");
        options.DeadLetterTopic.Should().Be("StreamQuant.dlq");
        options.Partitions.Should().Be(3);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var options = new KafkaOptions
        {
            BootstrapServers = "broker-1:9092,broker-2,broker-3:99999",
            Topic = "candles/1m",
            GroupId = " ",
            Partitions = 0,
            MaxMessageBytes = 10,
            Client = new(StringComparer.OrdinalIgnoreCase) { ["enable.auto.commit"] = "true", ["sasl.password"] = "s3cr3t" },
        };

        var problems = Problems(options);

        problems.Should().HaveCount(7);
        string.Join("; ", problems).Should().Contain("Kafka:Topic").And.Contain("Kafka:GroupId").And.Contain("Kafka:Partitions")
            .And.Contain("Kafka:MaxMessageBytes").And.Contain("'broker-2'").And.Contain("'broker-3:99999'")
            .And.Contain("Kafka:Client:enable.auto.commit").And.NotContain("broker-1").And.NotContain("s3cr3t");
    }

    [Fact]
    public void A_topic_too_long_for_its_dead_letter_twin_is_rejected()
    {
        Problems(new KafkaOptions { Topic = new string('a', 246) }).Should().ContainSingle().Which.Should().StartWith("Kafka:Topic");
        Problems(new KafkaOptions { Topic = new string('a', 245) }).Should().BeEmpty();
    }

    [Fact]
    public void Client_settings_are_described_with_credentials_masked()
    {
        var options = new KafkaOptions
        {
            Client = new(StringComparer.OrdinalIgnoreCase)
            {
                ["security.protocol"] = "SASL_SSL",
                ["sasl.password"] = "pw",
                ["sasl.oauthbearer.client.secret"] = "sec",
                ["ssl.key.pem"] = "pem",
            },
        };

        options.DescribeClientSettings().Should()
            .Be("sasl.oauthbearer.client.secret=***, sasl.password=***, security.protocol=SASL_SSL, ssl.key.pem=***");
    }
}
