using System.Diagnostics;
using System.Text.RegularExpressions;
using CryptoStreamLab.Tests.Web.Components.Browser;
using CryptoStreamLab.Tests.Support;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>Signing in, signing out and a session running out, in Chromium against the real app on Kestrel.</summary>
[Trait("Category", "Browser")]
[Collection(BrowserCollection.Name)]
public sealed class AccessControlBrowserTests
{
    private static IEnumerable<KeyValuePair<string, string?>> Settings(params (string Key, string Value)[] more) =>
        DashboardServer.NoMarketData
            .Append(new("Auth:Users:0:Name", SecuredApp.User))
            .Append(new("Auth:Users:0:PasswordHash", SecuredApp.PasswordHash))
            .Concat(more.Select(m => new KeyValuePair<string, string?>(m.Key, m.Value)));

    [ChromiumFact]
    public async Task A_visitor_signs_in_uses_the_live_dashboard_and_signs_out_from_the_app_bar()
    {
        var circuits = new CircuitWatch();
        await using var server = await DashboardServer.StartAsync(Settings(), s => s.AddSingleton<CircuitHandler>(circuits));
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });
        var errors = BrowserErrors.Watch(page);

        await page.GotoAsync(server.Address + "backtest");
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2Fbacktest$"));
        await Expect(page.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=stream-nav]")).ToHaveCountAsync(0);

        await SignInAsync(page, "not the password");
        await Expect(page.Locator("[data-testid=login-error]")).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?failed=1&ReturnUrl=%2Fbacktest$"));

        await SignInAsync(page, SecuredApp.Password);
        await Expect(page).ToHaveURLAsync(server.Address + "backtest");
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync(SecuredApp.User);
        await Eventually.WaitAsync(() => circuits.Up >= 1, TimeSpan.FromSeconds(20), () => "the signed-in page never connected its circuit");
        // The circuit is live: the theme toggle re-renders through it.
        var toggle = page.Locator("[data-testid=theme-toggle]");
        await Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to light theme");
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-label", "Switch to dark theme");

        await page.Locator("[data-testid=logout]").ClickAsync();
        await Expect(page).ToHaveURLAsync(server.Address + "login");
        await Expect(page.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        await Eventually.WaitAsync(() => circuits.Down >= 1, TimeSpan.FromSeconds(20), () => "the signed-out page's circuit stayed connected");

        await page.GotoAsync(server.Address.ToString());
        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2F$"));
        var status = await page.APIRequest.GetAsync(server.Address + "api/status");
        status.Status.Should().Be(401, "signing out removed the cookie");
        errors.Messages.Should().BeEmpty();
    }

    [ChromiumFact]
    public async Task An_open_dashboard_goes_to_login_when_its_session_expires_and_its_circuit_ends()
    {
        var lifetime = TimeSpan.FromSeconds(12);
        var circuits = new CircuitWatch();
        await using var server = await DashboardServer.StartAsync(
            Settings(("Auth:SessionLifetime", lifetime.ToString()), ("Auth:RevalidationInterval", "00:00:01")),
            s => s.AddSingleton<CircuitHandler>(circuits));
        await using var session = await BrowserSession.LaunchAsync();
        var page = await session.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 900 } });

        await page.GotoAsync(server.Address.ToString());
        await SignInAsync(page, SecuredApp.Password);
        var signedIn = Stopwatch.StartNew();
        await Expect(page.Locator("[data-testid=signed-in-as]")).ToHaveTextAsync(SecuredApp.User);
        await Eventually.WaitAsync(() => circuits.Up >= 1, TimeSpan.FromSeconds(20), () => "the dashboard never connected its circuit");
        // Survives only while this document lives: the expiry must replace it, not just re-render it.
        await page.EvaluateAsync("() => window.__sameDocument = true");

        await Expect(page).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2F$"), new() { Timeout = 60_000 });
        signedIn.Elapsed.Should().BeGreaterThan(lifetime - TimeSpan.FromSeconds(2), "only the session's end sends the dashboard away");
        await Expect(page.Locator("[data-testid=login-form]")).ToBeVisibleAsync();
        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).Should().BeFalse("the page was loaded anew");
        await Eventually.WaitAsync(() => circuits.Down >= 1, TimeSpan.FromSeconds(20), () => "the expired dashboard's circuit stayed connected");
        (await page.APIRequest.GetAsync(server.Address + "api/status")).Status.Should().Be(401, "the cookie has expired too");
    }

    private static async Task SignInAsync(IPage page, string password)
    {
        await page.Locator("#login-username").FillAsync(SecuredApp.User);
        await page.Locator("#login-password").FillAsync(password);
        await page.Locator("[data-testid=login-submit]").ClickAsync();
    }

    /// <summary>Counts the app's circuits as the server sees them.</summary>
    private sealed class CircuitWatch : CircuitHandler
    {
        private int _up;
        private int _down;

        public int Up => Volatile.Read(ref _up);

        public int Down => Volatile.Read(ref _down);

        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _up);
            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _down);
            return Task.CompletedTask;
        }
    }
}
