using System.Text.Json.Nodes;
using CryptoStreamLab.Core.Market;
using CryptoStreamLab.Core.Strategy;
using CryptoStreamLab.Core.Trading;

namespace CryptoStreamLab.Node.Alerts;

/// <summary>The body each format posts: the event's fields as JSON, or a chat message for Slack, Discord and Telegram.</summary>
public static class AlertBody
{
    public static string Of(AlertEvent alert, AlertFormat format, string node, Uri url)
    {
        var text = AlertText.Of(alert, node);
        var body = format switch
        {
            AlertFormat.Slack => new JsonObject { ["text"] = text },
            AlertFormat.Discord => new JsonObject { ["content"] = text },
            AlertFormat.Telegram => Telegram(text, url),
            _ => Json(alert, node, text),
        };
        return body.ToJsonString();
    }

    /// <summary>
    /// Fields every event has (id, event, node, symbol, interval, time in epoch ms, text), then the event's own:
    /// a fill's side, price, quantity, fee; a signal's signal, action, price and indicators; how long a stream was silent.
    /// </summary>
    public static JsonObject Json(AlertEvent alert, string node, string text)
    {
        var json = new JsonObject
        {
            ["id"] = alert.Id,
            ["event"] = alert.Kind.Name(),
            ["node"] = node,
            ["symbol"] = alert.Stream?.Symbol,
            ["interval"] = alert.Stream?.Interval.ToCode(),
            ["time"] = alert.Time,
            ["text"] = text,
        };
        if (alert.Strategy is { } strategy) json["strategy"] = strategy;
        if (alert.Fill is { } fill)
        {
            json["side"] = fill.Side.Lower();
            json["price"] = fill.Price;
            json["quantity"] = fill.Quantity;
            json["fee"] = fill.Fee;
            json["reason"] = fill.Reason.Lower();
            json["cashAfter"] = fill.CashAfter;
            json["quantityAfter"] = fill.QuantityAfter;
        }
        if (alert.Evaluation is { } evaluation)
        {
            json["signal"] = evaluation.Signal.Lower();
            json["action"] = evaluation.Action.Lower();
            json["price"] = evaluation.Candle.Close;
            if (alert.Series is { } series)
            {
                var values = new JsonObject();
                for (var i = 0; i < series.Count && i < SeriesValues.Capacity; i++) values[series[i].Name] = Core.Finite.OrNull(evaluation.Series[i]);
                json["series"] = values;
                if (evaluation.Reason.Length > 0) json["why"] = evaluation.Reason;
            }
            else
            {
                json["rsi"] = Core.Finite.OrNull(evaluation.Rsi);
                json["fastMa"] = Core.Finite.OrNull(evaluation.FastMa);
                json["slowMa"] = Core.Finite.OrNull(evaluation.SlowMa);
            }
        }
        if (alert.SilentSince is { } since) json["silentSince"] = since;
        if (alert.StaleAfter is { } staleAfter) json["staleAfterSeconds"] = staleAfter.TotalSeconds;
        if (alert.Reason is { } reason) json["reason"] = reason;
        return json;
    }

    // Telegram's sendMessage takes chat_id from the query string too; it is repeated in the body for clients that do not.
    private static JsonObject Telegram(string text, Uri url)
    {
        var body = new JsonObject { ["text"] = text };
        var chat = url.Query.TrimStart('?').Split('&')
            .Select(pair => pair.Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0] == "chat_id");
        if (chat is not null) body["chat_id"] = Uri.UnescapeDataString(chat[1]);
        return body;
    }

}
