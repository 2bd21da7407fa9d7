namespace CryptoStreamLab.Tests.Support;

/// <summary>The Cluster:SharedKey the tests give every node that shares one broker (32 bytes as hex; a test value, nothing else).</summary>
public static class TestClusterKey
{
    public const string Setting = "Cluster:SharedKey";

    public const string Hex = "8f2c5e0a9b7d4163a1e6f0c3b2d5e7f9081a2b3c4d5e6f708192a3b4c5d6e7f8";
}
