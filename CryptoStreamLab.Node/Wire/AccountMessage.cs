namespace CryptoStreamLab.Node.Wire;

/// <summary>A stream's paper account after the change a state message describes.</summary>
public sealed record AccountMessage(decimal Cash, decimal Quantity, decimal EntryPrice, decimal FeesPaid, int FillCount);
