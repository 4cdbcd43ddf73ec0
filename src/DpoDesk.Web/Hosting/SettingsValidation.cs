using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DpoDesk.Web.Hosting;

/// <summary>
/// Validates a settings section at start-up with messages that name the key, e.g.
/// "Smtp:Port: The field Port must be between 1 and 65535."
/// </summary>
sealed class SettingsValidation<TOptions>(string section, Func<TOptions, IEnumerable<string>>? extra = null) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var failures = results
            .Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}")
            .Concat(extra?.Invoke(options) ?? [])
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

static class SettingsRegistration
{
    /// <summary>Binds a section to its options class and validates it when the host starts.</summary>
    public static void AddSettings<TOptions>(this IServiceCollection services, string section, Func<TOptions, IEnumerable<string>>? extra = null)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>>(new SettingsValidation<TOptions>(section, extra));
    }
}
