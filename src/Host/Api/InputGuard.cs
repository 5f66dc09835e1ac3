using System.Text;
using System.Text.Json;
using Butler.Host.Identity;
using Butler.Workflows.Input;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Butler.Workflows.Runtime;

namespace Butler.Host.Api;

/// <summary>
/// Refuses the characters no value may hold (<see cref="InputRules.FindRefusedCharacter"/>) before any endpoint sees
/// them, so a new endpoint cannot forget to: every query value and route value, every field of a form post, and every
/// string and property name anywhere in a JSON body — free JSON such as a workflow's input, a signal's payload, a task's
/// fields or a definition too. JSON strings may hold tabs and line breaks (the field decides whether it is one line);
/// names, query and route values and form fields may not. An API caller gets a 400 naming the parameter or the JSON
/// path; a browser asking for a page is sent to the same page without the query value (a page ignores what it cannot
/// read), and to the not-found page for an address that cannot name anything.
/// </summary>
public sealed class InputGuard(RequestDelegate next)
{
    /// <summary>Bodies larger than this are left to the endpoint's own limits (Kestrel stops at 30 MB).</summary>
    private const long MaxScannedBytes = 32 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        // The interactive circuit's own traffic (SignalR frames end with a control character) is no one's input.
        if (request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/_framework"))
        {
            await next(context);
            return;
        }
        var api = AuthExtensions.IsMachineRequest(request);
        var badQuery = request.Query.Where(q => Refused(q.Key) || q.Value.Any(v => v is not null && Refused(v))).Select(q => q.Key).ToList();
        if (badQuery.Count > 0)
        {
            if (api || !HttpMethods.IsGet(request.Method))
            {
                await RefuseAsync(context, Errors(badQuery.Select(k => (Printable(k), Why($"'{Printable(k)}'", request.Query[k].ToString(), k)))));
                return;
            }
            context.Response.Redirect(WithoutQuery(request, badQuery));
            return;
        }
        var badRoute = request.RouteValues.Where(r => r.Value is string text && Refused(text)).Select(r => r.Key).ToList();
        if (badRoute.Count > 0)
        {
            if (api)
            {
                await RefuseAsync(context, Errors(badRoute.Select(k => (k, Why($"'{k}'", (string)request.RouteValues[k]!, null)))));
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
            return;
        }
        // A post whose antiforgery token failed is refused by its endpoint, and its form may not be read before that.
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            await next(context);
            return;
        }
        if (request.HasFormContentType && !request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
        {
            if (await FormErrorsAsync(request, context.RequestAborted) is { Count: > 0 } formErrors)
            {
                await RefuseAsync(context, formErrors);
                return;
            }
        }
        else if (IsJson(request) && await JsonErrorAsync(request, context.RequestAborted) is { } jsonError)
        {
            await RefuseAsync(context, Errors([(jsonError.Path, jsonError.Why)]));
            return;
        }
        await next(context);
    }

    private static bool Refused(string value) => InputRules.FindRefusedCharacter(value, multiLine: false) >= 0;

    /// <summary>A name as it can be shown: its refused characters as U+FFFD.</summary>
    private static string Printable(string name) => InputRules.ForExport(name, multiLine: false);

    private static Failure Why(string what, string value, string? key) =>
        (key is not null && Refused(key) ? InputRules.CharacterProblem(key, $"The name of {what}", multiLine: false) : null)?.Failure
        ?? InputRules.CharacterProblem(value, what, multiLine: false)?.Failure
        ?? Failure.Unreadable(what);

    private static ValidationErrors Errors(IEnumerable<(string Field, Failure Why)> refused)
    {
        var errors = new ValidationErrors();
        foreach (var (field, why) in refused)
        {
            errors.Set(field, why);
        }
        return errors;
    }

    private static string WithoutQuery(HttpRequest request, List<string> bad)
    {
        var kept = request.Query.Where(q => !bad.Contains(q.Key)).SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        return QueryHelpers.AddQueryString(request.PathBase.Add(request.Path).ToString() is { Length: > 0 } path ? path : "/", kept);
    }

    private static async Task RefuseAsync(HttpContext context, ValidationErrors errors)
    {
        if (AuthExtensions.IsMachineRequest(context.Request))
        {
            await ApiResults.Invalid(errors).ExecuteAsync(context);
            return;
        }
        // A form post from a page keeps its bare status, as every page's refused post does.
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    private static async Task<ValidationErrors> FormErrorsAsync(HttpRequest request, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            // Too many fields or too long a value: the endpoint reading the form says so.
            return errors;
        }
        foreach (var (key, values) in form)
        {
            if (Refused(key) || values.Any(v => v is not null && Refused(v)))
            {
                errors.Set(Printable(key), Why($"'{Printable(key)}'", values.ToString(), key));
            }
        }
        return errors;
    }

    /// <summary>JSON, or a body sent without a type (the definition endpoints read those as JSON).</summary>
    private static bool IsJson(HttpRequest request)
    {
        if (request.ContentType is not { } type)
        {
            return request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0;
        }
        var media = type.Split(';')[0].Trim();
        return media.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    private sealed record JsonError(string Path, Failure Why);

    /// <summary>
    /// The first string or property name of the body holding a refused character, with its JSON path; null when there
    /// is none. Malformed JSON stops the scan: the endpoint reading the body says what is wrong with it.
    /// </summary>
    private static async Task<JsonError?> JsonErrorAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxScannedBytes)
        {
            return null;
        }
        request.EnableBuffering();
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        request.Body.Position = 0;
        return buffer.Length is 0 or > MaxScannedBytes ? null : Scan(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    private static JsonError? Scan(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var path = new JsonPath();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        path.Enter(array: false);
                        break;
                    case JsonTokenType.StartArray:
                        path.Enter(array: true);
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        path.Leave();
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        path.Property(name);
                        if (InputRules.CharacterProblem(name, $"The name of '{path}'", multiLine: false) is { } badName)
                        {
                            return new(path.ToString(), badName.Failure);
                        }
                        break;
                    case JsonTokenType.String:
                        path.Value();
                        if (InputRules.CharacterProblem(reader.GetString()!, $"'{path}'", multiLine: true) is { } badValue)
                        {
                            return new(path.ToString(), badValue.Failure);
                        }
                        break;
                    default:
                        path.Value();
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // An escape the reader cannot turn into text: a surrogate without its other half.
            path.Value();
            return new(path.ToString(), Failure.BrokenText($"'{path}'"));
        }
        return null;
    }

    /// <summary>The JSON path of the value being read, written as System.Text.Json writes it (<c>$.a[0]['b c']</c>).</summary>
    private sealed class JsonPath
    {
        private readonly List<Frame> _frames = [];

        private sealed class Frame(bool array)
        {
            public bool Array { get; } = array;
            public int Index { get; set; } = -1;
            public string? Name { get; set; }
        }

        public void Enter(bool array)
        {
            Value();
            _frames.Add(new Frame(array));
        }

        public void Leave() => _frames.RemoveAt(_frames.Count - 1);

        public void Property(string name) => _frames[^1].Name = name;

        /// <summary>A value starts: in an array it is the next element.</summary>
        public void Value()
        {
            if (_frames.Count > 0 && _frames[^1].Array)
            {
                _frames[^1].Index++;
            }
        }

        public override string ToString()
        {
            var text = new StringBuilder("$");
            // The innermost frame names the value itself; outer frames name the containers on the way to it.
            foreach (var frame in _frames)
            {
                if (frame.Array)
                {
                    if (frame.Index >= 0)
                    {
                        text.Append('[').Append(frame.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');
                    }
                }
                else if (frame.Name is { } name)
                {
                    if (name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$'))
                    {
                        text.Append('.').Append(name);
                    }
                    else
                    {
                        text.Append("['").Append(name).Append("']");
                    }
                }
            }
            return text.ToString();
        }
    }
}
