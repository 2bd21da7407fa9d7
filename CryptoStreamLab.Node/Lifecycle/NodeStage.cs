namespace CryptoStreamLab.Node.Lifecycle;

/// <summary>
/// The order a node's running parts start in; they stop in the reverse order. This enum is the one statement of it:
/// <see cref="NodeParts.OrderNodeParts"/> puts the registered parts in this order, whatever order they were added in.
/// </summary>
/// <remarks>
/// Why this order: what keeps data (ledger, archive) starts first and stops last, so it holds everything the others
/// delivered before they stopped; alerts watch before the first candle and stop after the last; the broker is up before
/// anything reads or writes a topic; the state publisher stops after the engines, so it delivers what they published; the
/// candle consumer stops before the kline producer is flushed, and the sources stop first, so nothing is published into
/// a closed producer.
/// </remarks>
public enum NodeStage
{
    /// <summary>The paper ledger's writer: opened first, closed last.</summary>
    Ledger,
    /// <summary>The candle archive's flush and maintenance.</summary>
    Archive,
    /// <summary>The webhook dispatcher and the watches that feed it.</summary>
    Alerts,
    /// <summary>The Kafka cluster connection (and the embedded broker) and its topics.</summary>
    Broker,
    /// <summary>The state topic's producer: stream changes, resets and heartbeats.</summary>
    StatePublisher,
    /// <summary>The state topic's reader: replicas of other engines' streams, the cluster view.</summary>
    StateReader,
    /// <summary>The command topic's reader: resets sent to the streams this engine owns.</summary>
    Commands,
    /// <summary>The node's periodic announcement of itself.</summary>
    Heartbeat,
    /// <summary>The candle topic's consumer, which feeds the engines.</summary>
    CandleConsumer,
    /// <summary>The candle topic's producer.</summary>
    KlinePublisher,
    /// <summary>The market-data sources (Binance, Replay, Synthetic).</summary>
    Ingest,
}
