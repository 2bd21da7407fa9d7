namespace CryptoStreamLab.Core.Strategy;

/// <summary>
/// Why a strategy's constructor refused its parameters, and which parameter that is about: a message that starts with
/// one of the strategy's parameter names ("Buy, column 14: expected …") belongs to that parameter, so configuration can
/// give it that parameter's key and a form can show it under that parameter's field.
/// </summary>
/// <param name="Parameter">The parameter the message starts with, or null when it names none.</param>
public sealed record StrategyRefusal(StrategyParameter? Parameter, string Message)
{
    public static StrategyRefusal Of(StrategyDefinition definition, ArgumentException exception)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception.ParamName is null
            ? exception.Message
            : exception.Message.Replace($" (Parameter '{exception.ParamName}')", "", StringComparison.Ordinal);
        return new StrategyRefusal(definition.Find(message.Split(',', ':', ' ')[0]), message);
    }
}
