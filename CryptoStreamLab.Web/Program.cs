using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Web.Cli;
using CryptoStreamLab.Web.Hosting;

// A verb (backtest, export, …) or help runs and exits; no argument, or configuration options alone, start the web app.
if (CommandLine.Run(args, VerbContext.FromConsole()) is { } exitCode) return exitCode;

var builder = WebApplication.CreateBuilder(args);
builder.AddCryptoStreamLab();
var app = builder.Build();
if (OptionsValidation.CollectStartupProblems(app.Services) is { } problems)
{
    Console.Error.WriteLine(problems);
    return 2;
}

app.UseCryptoStreamLab();
await app.RunAsync();
return 0;
