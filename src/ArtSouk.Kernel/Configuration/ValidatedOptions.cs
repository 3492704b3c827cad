using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ArtSouk.Kernel.Configuration;

/// <summary>Options bound from configuration and checked before anything starts, with messages that name the key.</summary>
public static class ValidatedOptions
{
    /// <summary>Registers a section's options, validated (data annotations, <see cref="IValidatableObject"/>) at start-up.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section) where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    /// <summary>
    /// Reads a section while the host is being composed (which database to register), with the same validation as
    /// <see cref="AddValidatedOptions{T}"/>, since a bad value here would otherwise surface later as something else.
    /// </summary>
    public static T ReadValidated<T>(this IConfiguration configuration, string section) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(section, typeof(T), results.Select(r => r.ErrorMessage ?? $"{section} is not valid"));
        }
        return options;
    }
}
