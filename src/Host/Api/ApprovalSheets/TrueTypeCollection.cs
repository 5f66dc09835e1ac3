using System.Buffers.Binary;

namespace Butler.Host.Api.ApprovalSheets;

/// <summary>
/// Takes one font out of a TrueType collection (.ttc), as a standalone .ttf: PDFsharp 6.2 reads single fonts only
/// (its collection number is "not yet implemented"), and the CJK fonts Debian ships come as collections.
/// </summary>
internal static class TrueTypeCollection
{
    private const uint CollectionTag = 0x74746366; // "ttcf"

    /// <summary>Whether the bytes are a collection rather than a single font.</summary>
    public static bool IsCollection(ReadOnlySpan<byte> font) => font.Length >= 12 && BinaryPrimitives.ReadUInt32BigEndian(font) == CollectionTag;

    /// <summary>
    /// Face <paramref name="index"/> of the collection as a font file of its own: its table directory, then each table
    /// it points to, copied and aligned to four bytes, with the offsets rewritten. A single font is returned as it is.
    /// </summary>
    public static byte[] Face(byte[] font, int index = 0)
    {
        ArgumentNullException.ThrowIfNull(font);
        if (!IsCollection(font))
        {
            return font;
        }
        var span = font.AsSpan();
        var count = checked((int)BinaryPrimitives.ReadUInt32BigEndian(span[8..]));
        if (index < 0 || index >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The collection holds {count} fonts.");
        }
        var start = checked((int)BinaryPrimitives.ReadUInt32BigEndian(span[(12 + 4 * index)..]));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(span[(start + 4)..]);
        var directory = 12 + 16 * tables;
        var size = directory;
        for (var t = 0; t < tables; t++)
        {
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(span[(start + 12 + 16 * t + 12)..]));
            size = checked(size + Align(length));
        }
        var face = new byte[size];
        span.Slice(start, directory).CopyTo(face);
        var at = directory;
        for (var t = 0; t < tables; t++)
        {
            var record = 12 + 16 * t;
            var offset = checked((int)BinaryPrimitives.ReadUInt32BigEndian(span[(start + record + 8)..]));
            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(span[(start + record + 12)..]));
            span.Slice(offset, length).CopyTo(face.AsSpan(at));
            BinaryPrimitives.WriteUInt32BigEndian(face.AsSpan(record + 8), (uint)at);
            at += Align(length);
        }
        return face;
    }

    private static int Align(int length) => (length + 3) & ~3;
}
