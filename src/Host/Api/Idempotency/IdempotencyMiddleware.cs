using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> for the endpoints that honour it. The client's key is scoped to the caller, the method and the
/// path (the operation and its target), so nobody else's key can ever match; the request's method, path, query and
/// body are hashed into a fingerprint. The engine remembers the scoped key with the work, in one transaction. Once
/// the endpoint has answered, this middleware decides what the client gets:
/// <list type="bullet">
/// <item>the handler refused the caller (401, 403, 404) or failed (5xx): that answer — permission is checked before any replay;</item>
/// <item>this request did the work: its answer, kept with the key (status, body, Location);</item>
/// <item>an earlier request did it: with the same fingerprint, the earlier answer again, marked <c>Idempotent-Replayed</c>
///   (waiting briefly for it when the two overlapped); with another fingerprint, 422.</item>
/// </list>
/// </summary>
public sealed partial class IdempotencyMiddleware(RequestDelegate next, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a replay waits for the first request's answer before it answers from the current state.</summary>
    private static readonly TimeSpan ReplayWait = TimeSpan.FromSeconds(10);

    public async Task InvokeAsync(HttpContext context, IDbContextFactory<ButlerDbContext> dbFactory)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(dbFactory);
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentOperation>() is null
            || !context.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(context);
            return;
        }
        if (Refuses(values) is { } reason)
        {
            await ApiResults.Invalid(Header, reason).ExecuteAsync(context);
            return;
        }
        var requestId = Guid.NewGuid();
        var key = new IdempotencyKey(Scope(context, values.ToString()), requestId, await FingerprintAsync(context.Request, context.RequestAborted));
        context.Features.Set(key);

        var client = context.Response.Body;
        await using var answer = new MemoryStream();
        context.Response.Body = answer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = client;
        }

        var status = context.Response.StatusCode;
        if (status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound or >= 500)
        {
            await CopyAsync(answer, client, context.RequestAborted);
            return;
        }
        await using var db = await dbFactory.CreateDbContextAsync(context.RequestAborted);
        var first = await db.ProcessedStimuli.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key.Value, context.RequestAborted);
        if (first is null)
        {
            await CopyAsync(answer, client, context.RequestAborted);
            return;
        }
        if (first.RequestId == requestId)
        {
            if (status is >= 200 and < 300)
            {
                await KeepAsync(db, key, context.Response, answer);
            }
            await CopyAsync(answer, client, context.RequestAborted);
            return;
        }
        if (!string.Equals(first.Fingerprint, key.Fingerprint, StringComparison.Ordinal))
        {
            context.Response.Clear();
            await TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused",
                detail: $"This {Header} was sent before with a different request (method, path, query or body). Send a new key for a new request, "
                    + "or repeat the first request exactly to get its answer again.").ExecuteAsync(context);
            return;
        }
        var kept = first.ResponseStatus is null ? await WaitForAnswerAsync(dbFactory, key, context.RequestAborted) : first;
        if (kept?.ResponseStatus is not { } keptStatus)
        {
            // The first request did the work but its answer was never kept (its host stopped in between): the
            // endpoint's own answer, built from the state the work left, is the best there is.
            LogAnswerMissing(key.Value);
            await CopyAsync(answer, client, context.RequestAborted);
            return;
        }
        context.Response.Clear();
        context.Response.StatusCode = keptStatus;
        context.Response.Headers[ReplayedHeader] = "true";
        if (kept.ResponseContentType is { } type)
        {
            context.Response.ContentType = type;
        }
        if (kept.ResponseLocation is { } location)
        {
            context.Response.Headers.Location = location;
        }
        if (kept.ResponseBody is { } body)
        {
            await context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
        }
    }

    /// <summary>Why a key cannot be used, or null: one header, 1–200 printable ASCII characters.</summary>
    private static Workflows.Runtime.Failure? Refuses(Microsoft.Extensions.Primitives.StringValues values)
    {
        if (values.Count != 1)
        {
            return Workflows.Runtime.Failure.OneKey(Header);
        }
        var value = values[0] ?? "";
        if (value.Length is 0 or > IdempotencyKey.MaxLength)
        {
            return Workflows.Runtime.Failure.KeyLength(Header, IdempotencyKey.MaxLength);
        }
        return value.All(c => c is >= ' ' and <= '~')
            ? null
            : Workflows.Runtime.Failure.KeyCharacters(Header);
    }

    /// <summary>The key as the engine keeps it: the client's key, for this caller, method and path only.</summary>
    private static string Scope(HttpContext context, string clientKey)
    {
        var caller = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.FindFirstValue("sub")
            ?? context.User.Identity?.Name ?? "";
        var scope = string.Join('\n', caller.ToUpperInvariant(), context.Request.Method, context.Request.Path.Value?.ToUpperInvariant(), clientKey);
        return "api:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)));
    }

    /// <summary>A hash of what the request asks: method, path, query and body (JSON compared without its layout).</summary>
    private static async Task<string> FingerprintAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        request.Body.Position = 0;
        var bytes = body.ToArray();
        if (request.HasJsonContentType() && bytes.Length > 0)
        {
            try
            {
                bytes = Encoding.UTF8.GetBytes(JsonNode.Parse(bytes)?.ToJsonString() ?? "null");
            }
            catch (JsonException)
            {
                // Not JSON after all: the bytes as sent are the fingerprint, and the endpoint will refuse the body.
            }
        }
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\n', request.Method, request.Path.Value, request.QueryString.Value, "")));
        hash.AppendData(bytes);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task KeepAsync(ButlerDbContext db, IdempotencyKey key, HttpResponse response, MemoryStream answer)
    {
        var body = Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length);
        var status = response.StatusCode;
        var type = response.ContentType;
        var location = response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
        // Kept even when the client has gone: its retry is exactly what needs the answer.
        await db.ProcessedStimuli.Where(p => p.Key == key.Value && p.RequestId == key.RequestId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(p => p.ResponseStatus, status)
                .SetProperty(p => p.ResponseContentType, type)
                .SetProperty(p => p.ResponseLocation, location)
                .SetProperty(p => p.ResponseBody, body), CancellationToken.None);
    }

    private static async Task<ProcessedStimulus?> WaitForAnswerAsync(IDbContextFactory<ButlerDbContext> dbFactory, IdempotencyKey key, CancellationToken ct)
    {
        // Elapsed time, not the district's clock: this is how long a request waits, not a deadline of the work.
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.ProcessedStimuli.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key.Value, ct);
            if (row?.ResponseStatus is not null || Stopwatch.GetElapsedTime(started) >= ReplayWait)
            {
                return row;
            }
            await Task.Delay(Poll, ct);
        }
    }

    private static async Task CopyAsync(MemoryStream answer, Stream client, CancellationToken ct)
    {
        answer.Position = 0;
        await answer.CopyToAsync(client, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Idempotency key {Key} was processed but its first answer was not kept; answering from the current state")]
    private partial void LogAnswerMissing(string key);
}
