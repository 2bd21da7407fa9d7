namespace CryptoStreamLab.Node.Wire;

/// <summary>"reset": a stream's paper account started afresh from its starting balance; no candle caused it.</summary>
public sealed record ResetMessage : StreamStateMessage;
