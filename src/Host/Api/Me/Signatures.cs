using Butler.Host.Identity;
using Butler.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Butler.Host.Api.Me;

/// <summary>
/// 签名: each person's handwritten signature, a PNG of at most 200 KB, for <c>/api/me/signature</c>, the profile page
/// and the printable sheets of runs. Each call uses its own scope, as <see cref="Profiles"/> does.
/// </summary>
public sealed class Signatures(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>The field a refused signature is named by.</summary>
    public const string Field = "signature";

    /// <summary>Why these bytes, sent as <paramref name="contentType"/>, are no signature; null when they are one.</summary>
    public static Failure? Refuses(ReadOnlySpan<byte> png, string? contentType)
    {
        var declared = contentType?.Split(';')[0].Trim();
        if (!string.Equals(declared, "image/png", StringComparison.OrdinalIgnoreCase))
        {
            return Failure.FileContentType("png", "image/png", string.IsNullOrEmpty(declared) ? "-" : declared);
        }
        if (png.IsEmpty)
        {
            return Failure.FileEmpty();
        }
        if (png.Length > UserSignature.MaxBytes)
        {
            return Failure.FileTooLarge("200 KB");
        }
        return UserSignature.IsPng(png) ? null : Failure.NotPng(Field);
    }

    /// <summary>The person's signature as PNG bytes, or null when they have none.</summary>
    public async Task<byte[]?> GetAsync(string userName, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ButlerIdentityDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var normalized = users.NormalizeName(userName);
        return await (from u in db.Users.AsNoTracking()
                      join s in db.Signatures.AsNoTracking() on u.Id equals s.UserId
                      where u.NormalizedUserName == normalized
                      select s.Png).FirstOrDefaultAsync(ct);
    }

    /// <summary>The signatures of those of <paramref name="userNames"/> who have one, by user name (any case).</summary>
    public async Task<IReadOnlyDictionary<string, byte[]>> OfAsync(IEnumerable<string> userNames, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ButlerIdentityDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var normalized = userNames.Select(n => users.NormalizeName(n)).Distinct(StringComparer.Ordinal).ToList();
        var found = await (from u in db.Users.AsNoTracking()
                           join s in db.Signatures.AsNoTracking() on u.Id equals s.UserId
                           where normalized.Contains(u.NormalizedUserName!)
                           select new { u.UserName, s.Png }).ToListAsync(ct);
        return found.ToDictionary(f => f.UserName!, f => f.Png, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Puts <paramref name="png"/> in place of the person's signature; refused (nothing saved) when it is no PNG of at most 200 KB.</summary>
    public async Task<IReadOnlyList<InputError>> SetAsync(string userName, byte[] png, string? contentType, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (Refuses(png, contentType) is { } refusal)
        {
            return [new(Field, refusal)];
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ButlerIdentityDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"The signed-in user '{userName}' does not exist.");
        var now = time.GetUtcNow();
        if (await db.Signatures.FirstOrDefaultAsync(s => s.UserId == user.Id, ct) is { } existing)
        {
            existing.Replace(png, now);
        }
        else
        {
            db.Signatures.Add(UserSignature.For(user.Id, png, now));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two first uploads at once: the other one's insert won; this one replaces it.
            db.ChangeTracker.Clear();
            var theirs = await db.Signatures.FirstAsync(s => s.UserId == user.Id, ct);
            theirs.Replace(png, now);
            await db.SaveChangesAsync(ct);
        }
        return [];
    }

    /// <summary>Removes the person's signature; false when they had none.</summary>
    public async Task<bool> DeleteAsync(string userName, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ButlerIdentityDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ButlerUser>>();
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return false;
        }
        return await db.Signatures.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(ct) > 0;
    }
}
