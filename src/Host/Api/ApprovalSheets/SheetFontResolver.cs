using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Butler.Host.Api.ApprovalSheets;

/// <summary>
/// PDFsharp's font resolver, which is one per process (<see cref="GlobalFontSettings.FontResolver"/> may be set once):
/// it serves the faces registered with it, by a family name that is the font file's path, so hosts configured with
/// different files (tests) share it safely.
/// </summary>
internal sealed class SheetFontResolver : IFontResolver
{
    public static readonly SheetFontResolver Instance = new();

    private static readonly Lock Gate = new();

    private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

    private SheetFontResolver()
    {
    }

    /// <summary>Makes this PDFsharp's font resolver, once.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    /// <summary>The family name of the font in <paramref name="path"/>, reading it (first face of a collection) on first use.</summary>
    public string Register(string path)
    {
        var family = "butler-sheet:" + path;
        _faces.GetOrAdd(family, _ => TrueTypeCollection.Face(File.ReadAllBytes(path)));
        return family;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        _faces.ContainsKey(familyName) ? new FontResolverInfo(familyName) : null;

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}
