using Butler.Workflows.Runtime;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Butler.Workflows.Input;
using Microsoft.AspNetCore.Http.Metadata;

namespace Butler.Host.Api;

/// <summary>What is wrong with a request the framework could not bind: the field (or <c>$</c>) and why.</summary>
public sealed record RequestError(int Status, string Field, Workflows.Runtime.Failure Failure);

/// <summary>
/// Turns the framework's refusals of a request (<see cref="BadHttpRequestException"/>: a missing, malformed or
/// wrongly typed body, a query value that does not parse, a body of the wrong media type, too large or cut off) into
/// words about the request — "The request body is missing: send a JSON object.", "'$.amount' must be a number." —
/// never the framework's sentences, which name .NET types and handler parameters.
/// </summary>
public static partial class RequestErrors
{
    /// <summary>What the framework refused, said of the request; <paramref name="endpoint"/> is the one that refused it.</summary>
    public static async Task<RequestError> DescribeAsync(HttpContext context, Endpoint? endpoint, BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(bad);
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        switch (bad.StatusCode)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                return new(bad.StatusCode, "$", Failure.BodyMediaType());
            case StatusCodes.Status413PayloadTooLarge:
                return new(bad.StatusCode, "$", Failure.BodyTooLarge());
            case StatusCodes.Status408RequestTimeout:
                return new(bad.StatusCode, "$", Failure.BodySlow());
        }
        if (bad.InnerException is JsonException json)
        {
            if (await IsMalformedAsync(context.Request, json))
            {
                var where = new JsonSyntaxError((json.LineNumber ?? 0) + 1, (json.BytePositionInLine ?? 0) + 1);
                return new(bad.StatusCode, "$", Failure.BodyMalformed(where.Line, where.Position));
            }
            var path = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            if (path == "$")
            {
                return new(bad.StatusCode, "$", Failure.WrongKind("$", (bodyType is null ? null : JsonInputErrors.Expected(bodyType, "$")) ?? new("object")));
            }
            return new(bad.StatusCode, path, Failure.WrongKind(path, bodyType is null ? null : JsonInputErrors.Expected(bodyType, path)));
        }
        var name = ParameterName().Match(bad.Message) is { Success: true } match ? match.Groups[1].Value : null;
        var parameter = endpoint?.Metadata.GetMetadata<MethodInfo>()?.GetParameters().FirstOrDefault(p => p.Name == name);
        var fromBody = (bodyType is not null && parameter?.ParameterType == bodyType) || bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase);
        if (fromBody && name is not null)
        {
            return new(bad.StatusCode, "$", context.Request.ContentLength is > 0 ? Failure.BodyNull() : Failure.BodyMissing());
        }
        if (name is not null && bad.Message.StartsWith("Required", StringComparison.Ordinal))
        {
            return new(bad.StatusCode, name, Failure.Required(name));
        }
        if (name is not null)
        {
            var expected = parameter is null ? null : JsonInputErrors.Expected(parameter.ParameterType, "$");
            return new(bad.StatusCode, name, expected is null ? Failure.Unreadable(name) : Failure.WrongKind(name, expected));
        }
        return new(bad.StatusCode, "$", Failure.BodyCutOff());
    }

    /// <summary>Malformed JSON, as opposed to well-formed JSON with a value of the wrong kind.</summary>
    private static async Task<bool> IsMalformedAsync(HttpRequest request, JsonException json)
    {
        // The input guard buffered the body: read it again and check it ourselves.
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            using var copy = new MemoryStream();
            await request.Body.CopyToAsync(copy);
            return JsonInputErrors.FindSyntaxError(copy.ToArray(), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) is not null;
        }
        // System.Text.Json wraps the reader's own exception when the text itself is broken.
        return json.InnerException is JsonException;
    }

    /// <summary>The name in the framework's "…parameter \"int page\"…" and "…parameter \"request\"…" sentences.</summary>
    [GeneratedRegex("\"(?:[^\"]* )?([A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
