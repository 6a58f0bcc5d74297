using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PaperDigest.Core;

/// <summary>
/// The one way settings are registered: bound to their section and checked by their data annotations (and
/// <see cref="IValidatableObject"/> for what an attribute cannot say, such as a cron expression or a URL) when the app
/// starts, and at first use for verbs that never start the host. A bad value stops the app naming the setting,
/// instead of surfacing when it is first needed, hours later.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>A failure for <see cref="IValidatableObject.Validate"/>, naming the setting as configuration spells it.</summary>
    public static ValidationResult Invalid(string section, string member, string problem) =>
        new($"{section}:{member} {problem}", [member]);
}
