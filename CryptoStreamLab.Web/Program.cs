using CryptoStreamLab.Node.Configuration;
using CryptoStreamLab.Web.Cli;
using CryptoStreamLab.Web.Hosting;

if (args is [BacktestCommand.Verb, .. var backtestArgs])
    return BacktestCommand.Run(backtestArgs, Console.Out, Console.Error);
if (args is [ExportCommand.Verb, .. var exportArgs])
    return ExportCommand.Run(exportArgs, Console.Out, Console.Error);
if (args is [NewApiKeyCommand.Verb, .. var newKeyArgs])
    return NewApiKeyCommand.Run(newKeyArgs, Console.Out, Console.Error);
if (args is [HashPasswordCommand.Verb, .. var hashArgs])
    return HashPasswordCommand.Run(hashArgs, Console.In, !Console.IsInputRedirected, Console.Out, Console.Error);

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
