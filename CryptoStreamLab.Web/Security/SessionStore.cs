using System.Collections.Concurrent;
using System.Security.Cryptography;
using CryptoStreamLab.Node.Ingest;
using CryptoStreamLab.Node.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// The server's record of every sign-in, so that a session ends for real: signing out revokes it, and a copy of its cookie
/// is refused from then on. Kept in the app's SQLite database (table <c>auth_sessions</c> beside the ledger's), so a restart
/// keeps who is signed in and who signed out; every check reads an in-memory copy loaded at first use, so it costs a
/// dictionary look-up and never waits for the disk. A write the database refuses (locked, read-only) is logged and the
/// session still holds in memory, failing safe: a revocation always takes effect at once in this process.
/// </summary>
public sealed class SessionStore : IDisposable
{
    private readonly Lazy<SqliteConnection?> _connection;
    private readonly ConcurrentDictionary<string, SessionRecord> _sessions = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly ILogger<SessionStore> _log;
    private readonly Lock _write = new();

    public SessionStore(IOptions<StorageOptions> storage, IOptions<MarketDataOptions> marketData, IHostEnvironment environment, TimeProvider clock,
        ILogger<SessionStore> log)
        : this(storage.Value.DatabasePath(environment.ContentRootPath, marketData.Value.Source), clock, log)
    {
    }

    public SessionStore(string databasePath, TimeProvider clock, ILogger<SessionStore> log)
    {
        (_clock, _log) = (clock, log);
        _connection = new Lazy<SqliteConnection?>(() => Open(databasePath));
    }

    /// <summary>Records a new session of <paramref name="user"/> lasting until <paramref name="expires"/>; returns its id (256 random bits).</summary>
    public string Create(string user, DateTimeOffset expires)
    {
        Load();
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var record = new SessionRecord(user, _clock.GetUtcNow(), expires);
        _sessions[id] = record;
        Write("INSERT INTO auth_sessions (id, user_name, created_ms, expires_ms) VALUES ($id, $user, $created, $expires)",
            ("$id", id), ("$user", user), ("$created", record.Created.ToUnixTimeMilliseconds()), ("$expires", expires.ToUnixTimeMilliseconds()));
        return id;
    }

    /// <summary>Whether the session exists, has not been revoked and has not expired.</summary>
    public bool IsActive(string? id)
    {
        Load();
        return id is not null && _sessions.TryGetValue(id, out var record) && record.Revoked is null && _clock.GetUtcNow() < record.Expires;
    }

    /// <summary>Ends the session everywhere it is used: its cookie, its open dashboards and its event streams.</summary>
    public void Revoke(string? id)
    {
        Load();
        if (id is null || !_sessions.TryGetValue(id, out var record) || record.Revoked is not null) return;
        var now = _clock.GetUtcNow();
        _sessions[id] = record with { Revoked = now };
        Write("UPDATE auth_sessions SET revoked_ms = $revoked WHERE id = $id", ("$id", id), ("$revoked", now.ToUnixTimeMilliseconds()));
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated) _connection.Value?.Dispose();
    }

    private void Load() => _ = _connection.Value;

    private SqliteConnection? Open(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    PRAGMA busy_timeout=1000;
                    CREATE TABLE IF NOT EXISTS auth_sessions (
                        id TEXT PRIMARY KEY, user_name TEXT NOT NULL, created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL, revoked_ms INTEGER);
                    DELETE FROM auth_sessions WHERE expires_ms < $now;
                    """;
                command.Parameters.AddWithValue("$now", _clock.GetUtcNow().ToUnixTimeMilliseconds());
                command.ExecuteNonQuery();
                command.CommandText = "SELECT id, user_name, created_ms, expires_ms, revoked_ms FROM auth_sessions";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                    _sessions[reader.GetString(0)] = new SessionRecord(reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                        reader.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
            }
            return connection;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            _log.LogError("Sign-in sessions cannot be kept in {Path} ({Reason}): they hold in memory until the app stops", path, e.Message);
            return null;
        }
    }

    private void Write(string sql, params (string Name, object Value)[] parameters)
    {
        if (_connection.Value is not { } connection) return;
        lock (_write)
        {
            try
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
                command.ExecuteNonQuery();
            }
            catch (SqliteException e)
            {
                _log.LogError("A sign-in session change was not written to the database ({Reason}); it holds in memory until the app stops", e.Message);
            }
        }
    }

    private sealed record SessionRecord(string User, DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset? Revoked = null);
}
