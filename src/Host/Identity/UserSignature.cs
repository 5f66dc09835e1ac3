namespace Butler.Host.Identity;

/// <summary>
/// A person's handwritten signature (签名), a PNG shown on the printable sheets of the runs they worked on. Kept in a
/// table of its own beside the user, so signing in and every user lookup do not load up to 200 KB of image.
/// </summary>
public sealed class UserSignature
{
    /// <summary>PNG files begin with these eight bytes.</summary>
    public static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The largest signature taken: 200 KB.</summary>
    public const int MaxBytes = 200 * 1024;

    public string UserId { get; private set; } = "";

    public byte[] Png { get; private set; } = [];

    public DateTimeOffset UpdatedAt { get; private set; }

    private UserSignature()
    {
    }

    /// <summary>Whether <paramref name="bytes"/> begin as a PNG file does.</summary>
    public static bool IsPng(ReadOnlySpan<byte> bytes) => bytes.StartsWith(PngMagic);

    /// <summary>A signature for the user; the caller has checked the bytes (<see cref="IsPng"/>, <see cref="MaxBytes"/>).</summary>
    public static UserSignature For(string userId, byte[] png, DateTimeOffset at)
    {
        var signature = new UserSignature { UserId = userId };
        signature.Replace(png, at);
        return signature;
    }

    /// <summary>Puts a new drawing in place of the old one.</summary>
    public void Replace(byte[] png, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (!IsPng(png) || png.Length > MaxBytes)
        {
            throw new ArgumentException("A signature is a PNG of at most 200 KB.", nameof(png));
        }
        Png = png;
        UpdatedAt = at;
    }
}
