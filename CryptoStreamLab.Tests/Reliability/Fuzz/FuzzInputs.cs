using System.Globalization;
using System.Text;

namespace CryptoStreamLab.Tests.Reliability.Fuzz;

/// <summary>One message a fuzz run sends: its key and value as raw bytes (either may be anything, or null).</summary>
public readonly record struct FuzzMessage(string? Key, byte[]? Value);

/// <summary>
/// A kind of hostile input: which topic it goes to and how one seeded random instance is made. Add a kind (state or
/// command messages, say) to <see cref="FuzzInputs.Kinds"/> and every fuzz run throws it too.
/// </summary>
public sealed record FuzzKind(string Name, string Topic, Func<Random, FuzzMessage> Next);

/// <summary>
/// Seeded random and mutated inputs. FUZZ_SEED fixes the seed (a failure prints the one it used); FUZZ_SCALE multiplies
/// the amount (1 in CI, a few seconds; 100 for a long run on demand).
/// </summary>
public static class FuzzInputs
{
    public const string CandleTopic = "StreamQuant";

    /// <summary>The symbol fuzzed candles are built around. Never a symbol a test feeds good candles to.</summary>
    public const string FuzzSymbol = "FUZZUSDT";

    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
        ? seed
        : Environment.TickCount & 0x7fffffff;

    public static int Scale { get; } = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SCALE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var scale) && scale > 0
        ? scale
        : 1;

    /// <summary>Symbols that must never become a stream, a key or a folder.</summary>
    public static readonly string[] HostileSymbols =
    [
        "../../../fuzz-escape", "../../../../fuzz-escape", "..", "btc-usdt", "BTC\0USDT", new string('A', 300), "", " ", "A", "ÄBCUSDT",
        "FUZZ/USDT", "FUZZ\\USDT", "FUZZUSDT\n", "\ud800", "symbol=X", "FUZZ USDT", "fuzzusdt", new string('Z', 21),
    ];

    private static readonly string[] Intervals = ["1m", "5m", "1M", "1w", "7m", "", "1 m", "1h", "1s", "3d"];

    private static readonly string[] Numbers =
    [
        "100", "100.5", "0", "-1", "1e11", "100000000000", "92233720368", "92233720369", "0.000000001", "0.00000001", "1e28", "79228162514264337593543950335",
        "1e400", "\"100\"", "\"NaN\"", "NaN", "Infinity", "null", "true", "[]", "{}", "1.5e-30", "-0", "0.1",
    ];

    /// <summary>Every kind of hostile candle-topic message a run throws.</summary>
    public static IReadOnlyList<FuzzKind> Kinds { get; } =
    [
        new("kline built from hostile fields", CandleTopic, r => HostileKline(r, mutate: false)),
        new("kline built from hostile fields, then mutated", CandleTopic, r => HostileKline(r, mutate: true)),
        new("random bytes", CandleTopic, RandomBytes),
        new("forged state message", StateTopic, r => ForgedState(r, mutate: false)),
        new("forged state message, then mutated", StateTopic, r => ForgedState(r, mutate: true)),
        new("forged command", CommandsTopic, ForgedCommand),
        new("random bytes on the state topic", StateTopic, RandomValue),
        new("random bytes on the commands topic", CommandsTopic, RandomValue),
    ];

    public const string StateTopic = CandleTopic + ".state";
    public const string CommandsTopic = CandleTopic + ".commands";

    /// <summary>The stream forged internal messages aim at: the one the fuzz test feeds good candles to.</summary>
    public const string TargetStream = "BTCUSDT-1m";

    /// <summary>
    /// A state message as an outsider would forge one, unsigned: an account of a million, a reset, or a heartbeat of a
    /// ghost node, for the stream the test trades on.
    /// </summary>
    private static FuzzMessage ForgedState(Random random, bool mutate)
    {
        var json = random.Next(3) switch
        {
            0 => "{\"type\":\"reset\",\"node\":\"evil\",\"stream\":\"" + TargetStream +
                 "\",\"account\":{\"cash\":1000000,\"quantity\":0,\"entryPrice\":0,\"feesPaid\":0,\"fillCount\":0}}",
            1 => "{\"type\":\"evaluation\",\"node\":\"evil\",\"stream\":\"" + TargetStream +
                 "\",\"account\":{\"cash\":" + Pick(random, Numbers) + ",\"quantity\":5,\"entryPrice\":1,\"feesPaid\":0,\"fillCount\":1}}",
            _ => """{"type":"node","node":"evil","roles":"Engine,Dashboard","streams":["BTCUSDT-1m"]}""",
        };
        if (mutate) json = Mutate(random, json);
        return new FuzzMessage(random.Next(3) == 0 ? "node:evil" : TargetStream, Encoding.UTF8.GetBytes(json));
    }

    /// <summary>A reset command for the traded stream, unsigned.</summary>
    private static FuzzMessage ForgedCommand(Random random) =>
        new(TargetStream, Encoding.UTF8.GetBytes(
            $$"""{"type":"reset","stream":"{{TargetStream}}","node":"evil","id":"{{random.Next()}}","time":{{1_780_000_000_000L + random.Next()}}}"""));

    /// <summary>A random message of a random kind.</summary>
    public static (FuzzKind Kind, FuzzMessage Message) Next(Random random)
    {
        var kind = Kinds[random.Next(Kinds.Count)];
        return (kind, kind.Next(random));
    }

    /// <summary>An open time near <paramref name="aligned"/>: on the grid, off it, a day ahead, 2096, in seconds, absurd.</summary>
    public static long OpenTime(Random random, long aligned) => random.Next(10) switch
    {
        0 => aligned + 30_000,
        1 => aligned + 86_400_000,
        2 => 3_993_148_800_000,
        3 => aligned / 1000,
        4 => aligned * 1000,
        5 => -1,
        6 => long.MaxValue,
        _ => aligned + random.Next(-1000, 1000) * 60_000L,
    };

    public static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];

    /// <summary>Byte-level damage: flips, cuts, insertions, repeats, truncation.</summary>
    public static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        var edits = 1 + random.Next(4);
        for (var e = 0; e < edits && builder.Length > 0; e++)
        {
            var at = random.Next(builder.Length);
            switch (random.Next(5))
            {
                case 0: builder[at] = (char)random.Next(0, 128); break;
                case 1: builder.Remove(at, Math.Min(builder.Length - at, 1 + random.Next(8))); break;
                case 2: builder.Insert(at, Pick(random, ["\"", ",", "}", "{", "\\", "\0", "../", "9", "-", "e", "é", "\n"])); break;
                case 3: builder.Insert(at, builder.ToString(at, Math.Min(builder.Length - at, 1 + random.Next(16)))); break;
                default: builder.Length = at; break;
            }
        }
        return builder.ToString();
    }

    private static FuzzMessage HostileKline(Random random, bool mutate)
    {
        var symbol = random.Next(4) == 0 ? FuzzSymbol : Pick(random, HostileSymbols);
        var aligned = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000 - 3_600_000;
        // Each field is sound three times in four, so a message often has a single fault the rules must catch on its own.
        string Field(string good, Func<string> hostile) => random.Next(4) == 0 ? hostile() : good;
        var fields = new List<string>
        {
            $"\"timestamp\":{Field((aligned + random.Next(-1000, 60) * 60_000L).ToString(CultureInfo.InvariantCulture), () => OpenTime(random, aligned).ToString(CultureInfo.InvariantCulture))}",
            $"\"open\":{Field("100", () => Pick(random, Numbers))}",
            $"\"high\":{Field("101", () => Pick(random, Numbers))}",
            $"\"low\":{Field("99", () => Pick(random, Numbers))}",
            $"\"close\":{Field("100.5", () => Pick(random, Numbers))}",
            $"\"volume\":{Field("1.5", () => Pick(random, Numbers))}",
            $"\"symbol\":{System.Text.Json.JsonSerializer.Serialize(symbol)}",
            $"\"interval\":\"{Field("1m", () => Pick(random, Intervals))}\"",
        };
        if (random.Next(3) == 0) fields.Add($"\"closeTime\":{OpenTime(random, aligned)}");
        if (random.Next(3) == 0) fields.Add($"\"trades\":{Pick(random, ["-1", "0", "9223372036854775807", "1.5"])}");
        if (random.Next(4) == 0) fields.RemoveAt(random.Next(fields.Count));
        if (random.Next(4) == 0) fields.Add(fields[random.Next(fields.Count)]);
        var json = "{" + string.Join(',', fields.OrderBy(_ => random.Next())) + "}";
        if (mutate) json = Mutate(random, json);
        var key = random.Next(4) switch
        {
            0 => null,
            1 => Pick(random, HostileSymbols),
            _ => symbol,
        };
        return new FuzzMessage(key, Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Random bytes under a random key, never an empty value: every one is a message to refuse.</summary>
    private static FuzzMessage RandomValue(Random random)
    {
        var bytes = new byte[random.Next(1, 300)];
        random.NextBytes(bytes);
        return new FuzzMessage(random.Next(2) == 0 ? TargetStream : Pick(random, HostileSymbols), bytes);
    }

    private static FuzzMessage RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 300)];
        random.NextBytes(bytes);
        return new FuzzMessage(random.Next(2) == 0 ? null : Pick(random, HostileSymbols), random.Next(10) == 0 ? null : bytes);
    }

    /// <summary>A kline file: a good series of rows with some replaced by hostile or damaged ones.</summary>
    public static string KlineFile(Random random, int rows)
    {
        var builder = new StringBuilder();
        if (random.Next(2) == 0) builder.Append("open_time,open,high,low,close,volume\n");
        var start = 1_769_904_000_000L;
        for (var i = 0; i < rows; i++)
        {
            var openTime = start + i * 60_000L;
            var close = 100m + (i % 17) * 0.5m;
            var row = string.Create(CultureInfo.InvariantCulture, $"{openTime},{close - 0.1m},{close + 0.5m},{close - 0.6m},{close},1.5");
            if (random.Next(rows / 3 + 1) == 0)
            {
                row = random.Next(3) switch
                {
                    0 => string.Create(CultureInfo.InvariantCulture,
                        $"{OpenTime(random, openTime)},{Pick(random, Numbers)},{Pick(random, Numbers)},{Pick(random, Numbers)},{Pick(random, Numbers)},{Pick(random, Numbers)}"),
                    1 => Mutate(random, row),
                    _ => Mutate(random, string.Create(CultureInfo.InvariantCulture, $"{openTime},{Pick(random, Numbers)},{close + 0.5m},{close - 0.6m},{close},1.5")),
                };
            }
            builder.Append(row).Append('\n');
        }
        return builder.ToString();
    }
}
