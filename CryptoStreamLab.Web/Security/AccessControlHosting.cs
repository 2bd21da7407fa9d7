using CryptoStreamLab.Node.Configuration;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Web.Security;

/// <summary>
/// Access control's wiring. Whether it is on is decided once, at start, from the "Auth" section: with a user or an API
/// key configured every endpoint requires one (the fallback policy) except those marked anonymous (/health, /login, its
/// form posts, static assets); without, nothing is required and the app may only listen on loopback
/// (<see cref="ListenAddresses"/>) unless <c>Auth:AllowAnonymous</c> says otherwise.
/// </summary>
public static class AccessControlHosting
{
    /// <summary>Picks the API-key handler for a request with an Authorization header, the sign-in cookie otherwise.</summary>
    public const string Scheme = "CookieOrApiKey";

    public static IServiceCollection AddAccessControl(this IServiceCollection services, IConfiguration configuration, bool loginPage)
    {
        services.AddValidatedOptions<AuthOptions>(configuration, AuthOptions.SectionName,
            o => o.Validate().Concat(ListenAddresses.Problems(configuration, o)));
        // Users and keys are re-read when the configuration changes (an edited appsettings.json): a removed user's sessions end.
        services.AddSingleton<IOptionsChangeTokenSource<AuthOptions>>(
            new ConfigurationChangeTokenSource<AuthOptions>(configuration.GetSection(AuthOptions.SectionName)));
        var enabled = IsEnabled(configuration);

        services.AddSingleton<UserDirectory>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddSingleton<AuthFailureLimiter>();
        services.AddSingleton<AccountLoginLimit>();
        services.AddSingleton<CredentialWatch>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.Count > 0 ? ApiKeyAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o => SignInCookie.Configure(o, loginPage));
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) =>
            {
                cookie.ExpireTimeSpan = auth.Value.SessionLifetime;
                cookie.Cookie.SecurePolicy = SecurePolicy(auth.Value);
            });
        var authorization = services.AddAuthorizationBuilder();
        if (enabled) authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddRateLimiter(o => o.AddPolicy<string, LoginRateLimit>(LoginRateLimit.Policy));
        services.AddAntiforgery();
        services.AddOptions<AntiforgeryOptions>().Configure<IOptions<AuthOptions>>((o, auth) => o.Cookie.SecurePolicy = SecurePolicy(auth.Value));
        services.AddValidatedOptions<ForwardedHeadersSettings>(configuration, ForwardedHeadersSettings.SectionName, o => o.Validate());
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ForwardedHeadersSettings>>((o, settings) => settings.Value.ApplyTo(o));
        services.AddAllowedHostsDefaults(configuration);
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        return services;
    }

    /// <summary>
    /// The request pipeline's guards, in order: forwarded headers from known proxies (so everything after sees the client),
    /// HSTS on HTTPS, the cross-site check (<see cref="SameOriginGuard"/>), authentication, authorization, the sign-in rate
    /// limit and the API's antiforgery rule; then the warnings about the configuration that are worth reading at start.
    /// </summary>
    public static WebApplication UseAccessControl(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseMiddleware<SameOriginGuard>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        var auth = app.Configuration.GetSection(AuthOptions.SectionName);
        if (IsEnabled(app.Configuration))
        {
            app.UseMiddleware<CookieApiAntiforgery>();
            app.Logger.LogInformation("Access control is on: {Users} user(s) and {Keys} API key(s) configured; everything but /health needs one",
                auth.GetSection("Users").GetChildren().Count(), auth.GetSection("ApiKeys").GetChildren().Count());
        }
        else
        {
            app.Logger.LogInformation("Access control is off: no user or API key is configured, so whoever reaches the app can use it");
        }
        foreach (var warning in StartupWarnings.Of(app.Configuration, app.Services.GetRequiredService<IOptions<AuthOptions>>().Value))
            app.Logger.LogWarning("{Warning}", warning);
        return app;
    }

    private static CookieSecurePolicy SecurePolicy(AuthOptions auth) =>
        auth.RequireSecureCookie ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

    /// <summary>Whether a user or an API key is configured (read directly, as it decides what is registered).</summary>
    public static bool IsEnabled(IConfiguration configuration)
    {
        var auth = configuration.GetSection(AuthOptions.SectionName);
        return auth.GetSection("Users").GetChildren().Any() || auth.GetSection("ApiKeys").GetChildren().Any();
    }
}
