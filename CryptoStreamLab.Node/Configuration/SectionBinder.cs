using System.ComponentModel;
using System.Reflection;

namespace CryptoStreamLab.Node.Configuration;

/// <summary>
/// Binds a configuration section one property at a time, so that every value that does not convert is
/// reported (the stock binder stops at the first) and the rest still bind and get validated.
/// </summary>
public static class SectionBinder
{
    public static void Bind<T>(IConfigurationSection section, T target, ICollection<string>? problems = null) where T : class
    {
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var child = section.GetSection(property.Name);
            if (!child.Exists()) continue;
            try
            {
                if (property.CanWrite && IsSingleValue(property.PropertyType) && child.GetChildren().Any())
                {
                    // A list or section where one value belongs (Node:Roles:0=Engine): the stock binder ignores it, or fails without naming the key.
                    problems?.Add($"{child.Path} must be one value, not a list or a section.");
                }
                else if (property.CanWrite)
                {
                    property.SetValue(target, child.Get(property.PropertyType));
                }
                else if (property.GetValue(target) is { } existing)
                {
                    child.Bind(existing);
                }
            }
            catch (InvalidOperationException e)
            {
                problems?.Add(e.InnerException is null ? e.Message : $"{e.Message} {e.InnerException.Message}");
            }
        }
    }

    private static bool IsSingleValue(Type type) => TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    /// <summary>The conversion problems of a section, without keeping the bound values.</summary>
    public static List<string> ConversionProblems<T>(IConfigurationSection section) where T : class, new()
    {
        var problems = new List<string>();
        Bind(section, new T(), problems);
        return problems;
    }
}
