using Microsoft.Extensions.Options;

namespace CryptoStreamLab.Node.Configuration;

/// <summary>Bridges the Core options' own <c>Validate()</c> lists into the Options pattern, validated at start.</summary>
public static class OptionsValidation
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, Func<T, IEnumerable<string>> validate)
        where T : class, new()
    {
        var configurationSection = configuration.GetSection(section);
        services.AddSingleton<IValidateOptions<T>>(new ListValidator<T>(
            o => SectionBinder.ConversionProblems<T>(configurationSection).Concat(validate(o))));
        return services.AddOptions<T>().Configure(o => SectionBinder.Bind(configurationSection, o)).ValidateOnStart();
    }

    /// <summary>
    /// Adds a check of <typeparamref name="T"/> (bound by <see cref="AddValidatedOptions{T}"/>) that looks beyond the values, at
    /// the files and folders they name; its problems are reported at start with every other one.
    /// </summary>
    public static IServiceCollection AddStartupCheck<T>(this IServiceCollection services, Func<T, IEnumerable<string>> check)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new ListValidator<T>(check));
        return services;
    }

    /// <summary>
    /// Runs every start-up validation and gathers all problems into one message, so a user fixes their
    /// configuration in one pass instead of one error per start. Null when everything is valid.
    /// </summary>
    public static string? CollectStartupProblems(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (Exception e) when (e is OptionsValidationException or AggregateException or InvalidOperationException)
        {
            var problems = Flatten(e).Distinct().ToList();
            return "The configuration is not valid:" + Environment.NewLine +
                   string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
        }
    }

    private static IEnumerable<string> Flatten(Exception e) => e switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Flatten),
        OptionsValidationException validation => validation.Failures,
        // Binding failures ("Failed to convert configuration value at 'Strategy:FastPeriod'…") name the key themselves.
        _ => [e.Message],
    };

    private sealed class ListValidator<T>(Func<T, IEnumerable<string>> validate) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var problems = validate(options).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
