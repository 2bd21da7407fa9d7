using CryptoStreamLab.Tests.Support;
using Bunit;
using Bunit.TestDoubles;
using CryptoStreamLab.Web.Components.Account;
using CryptoStreamLab.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace CryptoStreamLab.Tests.Web.Security;

/// <summary>The app bar's account menu: the user and a sign-out form, and a trip to /login the moment the circuit's session ends.</summary>
public sealed class AccountMenuTests : BunitContext
{
    public AccountMenuTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddCircuitServices();
        Services.AddSingleton<AntiforgeryStateProvider, FixedToken>();
    }

    private void AccessControlOn() =>
        Services.AddSingleton(Options.Create(new AuthOptions { Users = { ["0"] = new AuthUser { Name = "alice", PasswordHash = "-" } } }));

    [Fact]
    public void Shows_the_user_and_a_sign_out_form_with_the_token()
    {
        AccessControlOn();
        AddAuthorization().SetAuthorized("alice");

        var cut = Render<AccountMenu>();

        cut.Find("[data-testid=signed-in-as]").TextContent.Should().Be("alice");
        var form = cut.Find("form[data-testid=logout-form]");
        form.GetAttribute("method").Should().Be("post");
        form.GetAttribute("action").Should().Be("/auth/logout");
        form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value").Should().Be("the-token");
        form.QuerySelector("button[type=submit]")!.GetAttribute("aria-label").Should().Be("Sign out");
    }

    [Fact]
    public void Shows_nothing_while_access_control_is_off() =>
        Render<AccountMenu>().Markup.Trim().Should().BeEmpty("access control is off: the authentication state is not even asked for");

    [Fact]
    public void Shows_nothing_and_goes_nowhere_while_nobody_is_signed_in()
    {
        AccessControlOn();
        AddAuthorization().SetNotAuthorized();
        Render<AccountMenu>().Markup.Trim().Should().BeEmpty();
        Services.GetRequiredService<NavigationManager>().Uri.Should().Be("http://localhost/");
    }

    [Fact]
    public void When_the_session_ends_it_loads_login_returning_to_the_page_it_was_on()
    {
        AccessControlOn();
        var authorization = AddAuthorization();
        authorization.SetAuthorized("alice");
        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        navigation.NavigateTo("/stream/BTCUSDT/1m?x=1");
        Render<AccountMenu>();

        authorization.SetNotAuthorized();

        navigation.History.Should().HaveCount(2);
        var last = navigation.History.First();
        last.Uri.Should().Be("/login?ReturnUrl=%2Fstream%2FBTCUSDT%2F1m%3Fx%3D1");
        last.Options.ForceLoad.Should().BeTrue("a full load ends the circuit; an in-app navigation would keep it");
    }

    private sealed class FixedToken : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new("the-token", "__RequestVerificationToken");
    }
}
