using Confluent.Kafka;
using CryptoStreamLab.Node.Cluster;
using CryptoStreamLab.Node.Wire;
using Microsoft.Extensions.Options;


namespace CryptoStreamLab.Tests.Node.Wire;

public sealed class MessageSignatureTests
{
    private static readonly ClusterKey Key = ClusterKey.FromBytes(Convert.FromHexString(Support.TestClusterKey.Hex));
    private static readonly byte[] Value = "{\"type\":\"reset\",\"node\":\"A\"}"u8.ToArray();

    private static Headers Signed(MessageSignature signer, string? key, byte[] value) =>
        new() { { MessageSignature.Header, signer.Compute(key, value) } };

    [Fact]
    public void A_message_signed_with_the_cluster_key_verifies_and_any_change_does_not()
    {
        using var signer = Key.NewSignature();
        var headers = Signed(signer, "BTCUSDT-1m", Value);

        signer.Verify("BTCUSDT-1m", Value, headers).Should().BeNull();
        signer.Verify("ETHUSDT-1m", Value, headers).Should().StartWith("bad signature");
        var altered = Value.ToArray();
        altered[^2] ^= 1;
        signer.Verify("BTCUSDT-1m", altered, headers).Should().StartWith("bad signature");
        signer.Verify("BTCUSDT-1m", Value, null).Should().StartWith("not signed").And.Contain(MessageSignature.Header);
        signer.Verify("BTCUSDT-1m", Value, new Headers { { "schema-version", "1"u8.ToArray() } }).Should().StartWith("not signed");
        signer.Verify("BTCUSDT-1m", Value, new Headers { { MessageSignature.Header, new byte[5] } }).Should().StartWith("bad signature");
    }

    [Fact]
    public void Bytes_moved_between_key_and_value_do_not_keep_the_signature()
    {
        using var signer = Key.NewSignature();
        var headers = Signed(signer, "ab", "cd"u8.ToArray());

        signer.Verify("abc", "d"u8.ToArray(), headers).Should().NotBeNull("the key's and value's lengths are signed too");
        signer.Verify("a", "bcd"u8.ToArray(), headers).Should().NotBeNull();
        signer.Verify("", "abcd"u8.ToArray(), Signed(signer, null, "abcd"u8.ToArray())).Should().NotBeNull("a null key is not an empty one");
    }

    [Fact]
    public void Another_key_does_not_verify_and_a_generated_key_differs_per_start()
    {
        using var ours = Key.NewSignature();
        var other = new byte[32];
        other[0] = 1;
        using var theirs = ClusterKey.FromBytes(other).NewSignature();

        theirs.Verify("BTCUSDT-1m", Value, Signed(ours, "BTCUSDT-1m", Value)).Should().StartWith("bad signature");

        var first = new ClusterKey(Options.Create(new ClusterOptions()));
        var second = new ClusterKey(Options.Create(new ClusterOptions()));
        first.Generated.Should().BeTrue();
        using var a = first.NewSignature();
        using var b = second.NewSignature();
        b.Verify("k", Value, Signed(a, "k", Value)).Should().NotBeNull("nothing outside the process can know a generated key");
        var configured = new ClusterKey(Options.Create(new ClusterOptions { SharedKey = Convert.ToBase64String(Convert.FromHexString(Support.TestClusterKey.Hex)) }));
        configured.Generated.Should().BeFalse();
        using var c = configured.NewSignature();
        c.Verify("k", Value, Signed(ours, "k", Value)).Should().BeNull("the same key as hex or base64 is the same key");
    }

    [Fact]
    public void Signing_allocates_nothing_per_message()
    {
        using var signer = Key.NewSignature();
        var destination = new byte[MessageSignature.Length];
        signer.Compute("BTCUSDT-1m", Value, destination);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) signer.Compute("BTCUSDT-1m", Value, destination);
        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
