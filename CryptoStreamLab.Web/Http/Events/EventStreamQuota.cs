using System.Collections.Concurrent;
using CryptoStreamLab.Web.Security;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Http.Events;

/// <summary>
/// How many event streams each authenticated client (an API key, a signed-in session: <see cref="CredentialWatch.ClientOf"/>)
/// holds open, against <see cref="ApiOptions.MaxEventStreamsPerClient"/>, so one credential cannot tie up the server with
/// streams. Anonymous requests (access control off) are not counted.
/// </summary>
public sealed class EventStreamQuota(IOptions<ApiOptions> options)
{
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>A lease to dispose when the stream ends, or null when the client already holds its maximum.</summary>
    public IDisposable? TryOpen(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true) return Lease.None;
        var client = CredentialWatch.ClientOf(http);
        var max = options.Value.MaxEventStreamsPerClient;
        while (true)
        {
            var open = _open.GetOrAdd(client, 0);
            if (open >= max) return null;
            if (_open.TryUpdate(client, open + 1, open)) return new Lease(this, client);
        }
    }

    private void Close(string client)
    {
        while (true)
        {
            var open = _open.GetValueOrDefault(client);
            if (open <= 1)
            {
                if (_open.TryRemove(new KeyValuePair<string, int>(client, open))) return;
            }
            else if (_open.TryUpdate(client, open - 1, open)) return;
        }
    }

    private sealed class Lease(EventStreamQuota? quota, string client) : IDisposable
    {
        public static readonly IDisposable None = new Lease(null, "");
        private int _closed;

        public void Dispose()
        {
            if (quota is not null && Interlocked.Exchange(ref _closed, 1) == 0) quota.Close(client);
        }
    }
}
