using System.Text.Json.Serialization;
using Microsoft.OpenApi;

namespace PaperDigest.Web.Api;

/// <summary>
/// The OpenAPI document at /openapi/v1.json: the public read API only (forms, feeds and admin endpoints are not an API
/// anyone should program against), with a summary, an operationId and its problem answers on every operation, plain
/// integer types, and the statement that it needs no credentials. Redocly's recommended rules find no error in it.
/// </summary>
internal static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    public static IServiceCollection AddApiDocument(this IServiceCollection services)
    {
        // Numbers in strings are not accepted anywhere, so the document types them as integers, not "integer or string".
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict);
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "PaperDigest API",
                    Version = "1",
                    Description = "Read-only JSON access to the papers PaperDigest lists: by day, ISO week or month, by search, and one at a time. " +
                                  "Errors are application/problem+json with a sentence that says what to send instead.",
                };
                // Servers come from the request; a trailing slash would double the one every path starts with.
                foreach (var server in document.Servers ?? [])
                    server.Url = server.Url?.TrimEnd('/');
                // An empty requirement: the API is open to anyone, which is a statement, not an omission.
                document.Security = [new OpenApiSecurityRequirement()];
                document.Tags = new HashSet<OpenApiTag> { new() { Name = "Papers", Description = "Papers, their listings and their counts." } };
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
