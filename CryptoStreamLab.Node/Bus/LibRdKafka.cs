using System.Reflection;
using System.Runtime.InteropServices;
using CryptoStreamLab.Node.Wire;

namespace CryptoStreamLab.Node.Bus;

/// <summary>
/// The few librdkafka C functions the embedded broker needs. Confluent.Kafka does not expose the mock cluster,
/// so these are called directly on the same native library the Kafka clients use.
/// </summary>
internal static class LibRdKafka
{
    private const string LibraryName = "librdkafka";
    private const int ProducerType = 0; // RD_KAFKA_PRODUCER
    private const int ConfOk = 0;       // RD_KAFKA_CONF_OK

    private static readonly Lock ResolverLock = new();
    private static bool _resolverInstalled;
    private static IntPtr _handle;

    /// <summary>
    /// Points this assembly's DllImports at a librdkafka build that actually loads. The default probe finds
    /// runtimes/linux-x64/native/librdkafka.so first, which needs libsasl2.so.3; Debian does not ship it, so the
    /// glibc build without SASL (centos8-librdkafka.so) is tried next, then the musl one.
    /// </summary>
    /// <remarks>A DllImport resolver can be set once per assembly; this is the only P/Invoke in the web assembly.</remarks>
    public static void EnsureResolver()
    {
        lock (ResolverLock)
        {
            if (_resolverInstalled) return;
            NativeLibrary.SetDllImportResolver(typeof(LibRdKafka).Assembly, Resolve);
            _resolverInstalled = true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibraryName) return IntPtr.Zero;
        if (_handle != IntPtr.Zero) return _handle;
        foreach (var candidate in CandidatePaths())
        {
            if (File.Exists(candidate) && NativeLibrary.TryLoad(candidate, out var handle))
                return _handle = handle;
        }
        // Nothing shipped with the app loads: let the runtime try a system-wide librdkafka.
        return IntPtr.Zero;
    }

    internal static IEnumerable<string> CandidatePaths()
    {
        var arch = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.X86 => "x86",
            Architecture.Arm64 => "arm64",
            Architecture.S390x => "s390x",
            var other => other.ToString().ToLowerInvariant(),
        };
        string rid;
        string[] names;
        if (OperatingSystem.IsWindows())
        {
            rid = "win-" + arch;
            names = ["librdkafka.dll"];
        }
        else if (OperatingSystem.IsMacOS())
        {
            rid = "osx-" + arch;
            names = ["librdkafka.dylib"];
        }
        else
        {
            rid = "linux-" + arch;
            names = ["librdkafka.so", "centos8-librdkafka.so", "alpine-librdkafka.so"];
        }

        var baseDirectory = AppContext.BaseDirectory;
        foreach (var name in names) yield return Path.Combine(baseDirectory, "runtimes", rid, "native", name);
        // A RID-specific publish copies the native files next to the app instead.
        foreach (var name in names) yield return Path.Combine(baseDirectory, name);
    }

    /// <summary>Creates the producer handle that owns a mock cluster; librdkafka wants a client instance as its host.</summary>
    public static IntPtr NewOwnerHandle()
    {
        var conf = rd_kafka_conf_new();
        var error = new byte[512];
        // The owner handle never connects anywhere; only warnings about that would be logged, so keep errors only.
        if (rd_kafka_conf_set(conf, "log_level", "3", error, (UIntPtr)error.Length) != ConfOk)
        {
            rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("librdkafka rejected log_level: " + ErrorText(error));
        }
        var rk = rd_kafka_new(ProducerType, conf, error, (UIntPtr)error.Length);
        if (rk == IntPtr.Zero)
        {
            // On failure rd_kafka_new leaves the configuration with the caller.
            rd_kafka_conf_destroy(conf);
            throw new InvalidOperationException("librdkafka could not create a client handle: " + ErrorText(error));
        }
        return rk;
    }

    private static string ErrorText(byte[] buffer)
    {
        var end = Array.IndexOf(buffer, (byte)0);
        return System.Text.Encoding.UTF8.GetString(buffer, 0, end < 0 ? buffer.Length : end);
    }

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr rd_kafka_conf_new();

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    private static extern void rd_kafka_conf_destroy(IntPtr conf);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errstr, UIntPtr errstrSize);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errstr, UIntPtr errstrSize);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_destroy(IntPtr rk);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_mock_cluster_new(IntPtr rk, int brokerCount);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_cluster_destroy(IntPtr mcluster);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr mcluster);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl, CharSet = CharSet.Ansi, BestFitMapping = false)]
    public static extern int rd_kafka_mock_topic_create(IntPtr mcluster, string topic, int partitionCount, int replicationFactor);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern void rd_kafka_mock_group_initial_rebalance_delay_ms(IntPtr mcluster, int delayMs);

    /// <summary>Closes the broker's connections and refuses new ones until set up again (fault injection).</summary>
    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_broker_set_down(IntPtr mcluster, int brokerId);

    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_broker_set_up(IntPtr mcluster, int brokerId);

    /// <summary>Delays every response of the broker by <paramref name="rttMs"/> milliseconds.</summary>
    [DllImport(LibraryName, CallingConvention = CallingConvention.Cdecl)]
    public static extern int rd_kafka_mock_broker_set_rtt(IntPtr mcluster, int brokerId, int rttMs);
}
