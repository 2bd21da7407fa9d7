namespace CryptoStreamLab.Node.Alerts;

/// <summary>Webhooks told about fills, signals, stale streams and Kafka outages (appsettings section "Alerts").</summary>
public sealed class AlertOptions
{
    public const string SectionName = "Alerts";

    /// <summary>Where alerts go; none by default, and then nothing watches for them.</summary>
    public List<WebhookOptions> Webhooks
    {
        get;
        // An empty list in appsettings.json ("Webhooks": []) binds as null.
        set => field = value ?? [];
    } = [];

    /// <summary>Alerts waiting per webhook; when its queue is full a new alert is dropped and counted.</summary>
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Retries after a failed attempt (5xx, 408, 429, no answer, network error), with exponential backoff and jitter.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first retry's delay; each next one doubles it (with jitter), up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long one attempt may wait for an answer.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one alert may take, retries included, before it counts as failed.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often streams are checked for silence and Kafka for health.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem in the section, each naming its key; URLs are never shown, as they often hold tokens.</summary>
    public IEnumerable<string> Validate()
    {
        const string s = SectionName;
        for (var i = 0; i < Webhooks.Count; i++)
        {
            if (Webhooks[i] is not { } webhook) yield return $"{s}:Webhooks:{i} is empty: every webhook needs at least a Url.";
            else foreach (var problem in webhook.Validate($"{s}:Webhooks:{i}")) yield return problem;
        }
        if (QueueCapacity is < 1 or > 1_000_000) yield return $"{s}:QueueCapacity must be between 1 and 1000000 (is {QueueCapacity}).";
        if (MaxRetries is < 0 or > 20) yield return $"{s}:MaxRetries must be between 0 and 20 (is {MaxRetries}).";
        foreach (var problem in Within($"{s}:RetryDelay", RetryDelay, TimeSpan.FromMinutes(10))) yield return problem;
        foreach (var problem in Within($"{s}:MaxRetryDelay", MaxRetryDelay, TimeSpan.FromHours(1))) yield return problem;
        foreach (var problem in Within($"{s}:AttemptTimeout", AttemptTimeout, TimeSpan.FromHours(1))) yield return problem;
        foreach (var problem in Within($"{s}:TotalTimeout", TotalTimeout, TimeSpan.FromHours(24))) yield return problem;
        foreach (var problem in Within($"{s}:CheckInterval", CheckInterval, TimeSpan.FromHours(1))) yield return problem;
        if (MaxRetryDelay < RetryDelay) yield return $"{s}:MaxRetryDelay {MaxRetryDelay} must not be shorter than {s}:RetryDelay {RetryDelay}.";
        if (TotalTimeout < AttemptTimeout) yield return $"{s}:TotalTimeout {TotalTimeout} must not be shorter than {s}:AttemptTimeout {AttemptTimeout}.";
    }

    /// <summary>The webhooks as the app uses them; only valid options can be parsed.</summary>
    public IReadOnlyList<Webhook> Parsed() => Webhooks.Select((w, i) => w.Parse(i)).ToList();

    // The resilience pipeline refuses timeouts under 10 ms.
    private static IEnumerable<string> Within(string key, TimeSpan value, TimeSpan max)
    {
        if (value < TimeSpan.FromMilliseconds(10) || value > max) yield return $"{key} {value} must be at least 10 ms and at most {max}.";
    }
}

/// <summary>One webhook: where, for which events, in which body format.</summary>
public sealed class WebhookOptions
{
    /// <summary>An absolute http or https URL. Keep URLs with tokens in user secrets or environment variables.</summary>
    public string? Url { get; set; }

    /// <summary>Comma-separated: fill, signal, stale, kafka-down.</summary>
    public string? Events { get; set; } = "fill";

    /// <summary>json (default), slack, discord or telegram.</summary>
    public string? Format { get; set; } = "json";

    public IEnumerable<string> Validate(string prefix)
    {
        if (string.IsNullOrWhiteSpace(Url))
            yield return $"{prefix}:Url is missing: every webhook needs an absolute http or https URL.";
        else if (!Uri.TryCreate(Url.Trim(), UriKind.Absolute, out var uri))
            yield return $"{prefix}:Url is not an absolute http or https URL (the value is not shown: webhook URLs often hold tokens).";
        else if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            yield return $"{prefix}:Url must be an http or https URL, not {uri.Scheme}: (the rest is not shown: webhook URLs often hold tokens).";

        if (!AlertEventKinds.TryParse(Events, out _, out var unknown))
            yield return unknown is null
                ? $"{prefix}:Events names no event; use one or more of {AlertEventKinds.Names}, separated by commas."
                : $"{prefix}:Events '{unknown}' is not an alert event; use one or more of {AlertEventKinds.Names}, separated by commas.";

        if (!AlertFormats.TryParse(Format, out _))
            yield return $"{prefix}:Format '{Format}' is not a webhook format; use {AlertFormats.Names}.";
    }

    public Webhook Parse(int index)
    {
        AlertEventKinds.TryParse(Events, out var events, out _);
        AlertFormats.TryParse(Format, out var format);
        return new Webhook(index, new Uri(Url!.Trim(), UriKind.Absolute), events, format);
    }
}

/// <summary>A validated webhook. <see cref="MaskedUrl"/> is the only form of its URL that may be shown or logged.</summary>
public sealed record Webhook(int Index, Uri Url, AlertEventKind Events, AlertFormat Format)
{
    public string MaskedUrl { get; } = SecretUrl.Mask(Url);

    public bool Wants(AlertEventKind kind) => (Events & kind) != 0;

    /// <summary><paramref name="text"/> with every trace of the URL's path, query and credentials masked.</summary>
    public string Scrub(string text) => SecretUrl.Scrub(text, Url);

    public override string ToString() => MaskedUrl;
}
