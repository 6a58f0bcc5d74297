using System.ComponentModel.DataAnnotations;

namespace PaperDigest.Core.Site;

/// <summary>Settings under <c>Site</c>: the public address that links in emails, feeds and the API point to.</summary>
public sealed class SiteOptions : IValidatableObject
{
    public const string Section = "Site";

    /// <summary>Where links point when nothing is configured: the address `dotnet run` serves.</summary>
    public static readonly Uri DefaultBaseUrl = new("http://localhost:5046/");

    /// <summary>The site's public address; unset, emails use <see cref="DefaultBaseUrl"/> and answers the request's address.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>
    /// Send digests although the base address is local: a trial on one machine (the Docker Compose set-up), where
    /// whoever reads the mail can open it. Outside Development it is otherwise refused.
    /// </summary>
    public bool AllowLocalBaseUrl { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is not null && !Papers.WebAddress.IsHttp(BaseUrl))
            yield return ValidatedOptions.Invalid(Section, nameof(BaseUrl), "must be an absolute http or https address, such as https://papers.example.org/.");
    }
}
