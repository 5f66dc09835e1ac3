using System.Globalization;
using MimeKit;

namespace Butler.Workflows.Notifications;

/// <summary>
/// Writes each message as <c>{yyyyMMdd-HHmmss}-{id}.eml</c> into a folder, so an install without a mail server still
/// shows what would have been sent. A message whose file exists already is not written again.
/// </summary>
public sealed class PickupFolderTransport(string folder, TimeProvider time) : IMailTransport
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var id = FileId(message);
        if (Directory.EnumerateFiles(Folder, $"*-{id}.eml").Any())
        {
            return;
        }
        var name = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{id}.eml");
        var temporary = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            // Written aside and moved in, so a reader of the folder never sees half a message.
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                await message.WriteToAsync(stream, ct);
                await stream.FlushAsync(ct);
            }
            var final = Path.Combine(Folder, name);
            try
            {
                File.Move(temporary, final, overwrite: false);
            }
            catch (IOException) when (File.Exists(final))
            {
                // Another host wrote the same message in the same second: it is there once, which is all we want.
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The local part of the Message-Id (the outbox row's id) made safe for a file name.</summary>
    private static string FileId(MimeMessage message)
    {
        var local = message.MessageId?.Split('@')[0];
        if (string.IsNullOrEmpty(local))
        {
            return Guid.NewGuid().ToString("N");
        }
        var invalid = Path.GetInvalidFileNameChars();
        return new string(local.Select(c => invalid.Contains(c) || c is '*' or '?' ? '_' : c).ToArray());
    }
}
