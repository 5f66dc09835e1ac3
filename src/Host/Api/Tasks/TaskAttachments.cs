using System.Globalization;
using Butler.Host.Configuration;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Butler.Host.Api.Tasks;

/// <summary>The <c>Butler:Attachments</c> section: how large a task's attachment may be and which kinds of file are taken.</summary>
public sealed class AttachmentOptions
{
    public const string Section = "Butler:Attachments";

    /// <summary>The extensions taken and the content type each is stored and served with.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["pdf"] = "application/pdf",
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["doc"] = "application/msword",
        ["xls"] = "application/vnd.ms-excel",
        ["txt"] = "text/plain",
    };

    /// <summary>Largest file in bytes; 10 MB unless configured. Kestrel refuses request bodies over 30 MB whatever this says.</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Extensions (without the dot) taken; null means all of <see cref="KnownTypes"/>. Unknown extensions are ignored.</summary>
    public IReadOnlyList<string>? AllowedExtensions { get; set; }

    public IReadOnlyList<string> Allowed => AllowedExtensions is { Count: > 0 } configured
        ? [.. configured.Select(e => e.TrimStart('.').ToLowerInvariant()).Where(KnownTypes.ContainsKey).Distinct()]
        : [.. KnownTypes.Keys];
}

/// <summary>An attachment as the API lists it.</summary>
public sealed record TaskAttachmentView(Guid Id, Guid TaskId, string FileName, string ContentType, long Size, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static TaskAttachmentView From(TaskAttachment a) => new(a.Id, a.WorkItemId, a.FileName, a.ContentType, a.Size, a.UploadedBy, a.UploadedAt);
}

/// <summary>
/// Keeps the files of tasks in <c>{DataDirectory}/attachments</c> under generated names, their metadata in the
/// database. A file is written to a temporary name, moved into place, and only then recorded; a failed insert
/// deletes it again, so neither a row without a file nor a half-written file is left behind.
/// </summary>
public sealed partial class TaskAttachments(IDbContextFactory<ButlerDbContext> dbFactory, DataDirectory dataDirectory,
    IOptions<AttachmentOptions> options, TimeProvider time, ILogger<TaskAttachments> logger)
{
    public const string Field = "file";

    public string Folder { get; } = Path.Combine(dataDirectory.Path, "attachments");

    public AttachmentOptions Options => options.Value;

    /// <summary>Why a file of this name, declared type and size is refused, or null; the same check the upload applies.</summary>
    public Failure? Refuses(string? fileName, string? contentType, long size)
    {
        var limits = options.Value;
        var extension = Path.GetExtension(fileName ?? "").TrimStart('.').ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return Failure.FileNameRequired();
        }
        if (!limits.Allowed.Contains(extension))
        {
            return Failure.FileType(extension, limits.Allowed);
        }
        var expected = AttachmentOptions.KnownTypes[extension];
        var declared = contentType?.Split(';')[0].Trim();
        if (!string.IsNullOrEmpty(declared) && !string.Equals(declared, "application/octet-stream", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(declared, expected, StringComparison.OrdinalIgnoreCase))
        {
            return Failure.FileContentType(extension, expected, declared);
        }
        if (size <= 0)
        {
            return Failure.FileEmpty();
        }
        return size > limits.MaxBytes ? Failure.FileTooLarge(FormatSize(limits.MaxBytes)) : null;
    }

    /// <summary>Stores a file for a task the caller has already been allowed to see; refuses it when the task is closed or the file breaks a limit.</summary>
    public async Task<OperationResult<TaskAttachmentView>> AddAsync(WorkItem task, Actor actor, string? fileName, string? contentType, long size,
        Stream content, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        if (Refuses(fileName, contentType, size) is { } reason)
        {
            return OperationResult<TaskAttachmentView>.Invalid(Field, reason);
        }
        if (task.Status != WorkItemStatus.Open)
        {
            return OperationResult<TaskAttachmentView>.Conflict(Failure.AttachmentTaskNotOpen(task.Status));
        }
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var storedName = id.ToString("N", CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Folder);
        var temporary = Path.Combine(Folder, $".upload-{Guid.NewGuid():N}.tmp");
        var final = Path.Combine(Folder, storedName);
        long written;
        try
        {
            written = await CopyLimitedAsync(content, temporary, options.Value.MaxBytes, ct);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
        if (written > options.Value.MaxBytes || written == 0)
        {
            // The declared size lied; the bytes are what count.
            TryDelete(temporary);
            return OperationResult<TaskAttachmentView>.Invalid(Field, written == 0 ? Failure.FileEmpty() : Failure.FileTooLarge(FormatSize(options.Value.MaxBytes)));
        }
        File.Move(temporary, final);
        var extension = Path.GetExtension(fileName!).TrimStart('.').ToLowerInvariant();
        var attachment = new TaskAttachment
        {
            Id = id,
            WorkItemId = task.Id,
            FileName = DisplayName(fileName!),
            StoredName = storedName,
            ContentType = AttachmentOptions.KnownTypes[extension],
            Size = written,
            UploadedBy = actor.UserName,
            UploadedAt = now,
        };
        try
        {
            if (await SaveAsync(attachment, ct) is { } refused)
            {
                TryDelete(final);
                return refused;
            }
        }
        catch
        {
            TryDelete(final);
            throw;
        }
        return OperationResult<TaskAttachmentView>.Ok(TaskAttachmentView.From(attachment));
    }

    /// <summary>Keeps the attachment's row if its task is still open, holding the task so a completion cannot slip in between.</summary>
    private async Task<OperationResult<TaskAttachmentView>?> SaveAsync(TaskAttachment attachment, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await OpenTaskHold.TryHoldAsync(db, attachment.WorkItemId, ct))
        {
            return OperationResult<TaskAttachmentView>.Conflict(Failure.AttachmentTaskClosed());
        }
        db.TaskAttachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>The attachments of a task, oldest first.</summary>
    public async Task<IReadOnlyList<TaskAttachmentView>> ForTaskAsync(Guid taskId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var items = await db.TaskAttachments.AsNoTracking().Where(a => a.WorkItemId == taskId).ToListAsync(ct);
        return [.. items.OrderBy(a => a.UploadedAt).ThenBy(a => a.Id).Select(TaskAttachmentView.From)];
    }

    /// <summary>An attachment of the task and the path of its bytes; null when the task has no such attachment or its file is gone.</summary>
    public async Task<(TaskAttachment Attachment, string Path)?> FindAsync(Guid taskId, Guid attachmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attachment = await db.TaskAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.WorkItemId == taskId, ct);
        if (attachment is null)
        {
            return null;
        }
        var path = Path.Combine(Folder, attachment.StoredName);
        if (!File.Exists(path))
        {
            LogFileMissing(attachment.Id, attachment.StoredName);
            return null;
        }
        return (attachment, path);
    }

    public static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
        : Math.Max(1, bytes / 1024).ToString(CultureInfo.InvariantCulture) + " KB";

    /// <summary>Copies at most one byte more than the limit, so an oversized upload stops early.</summary>
    private static async Task<long> CopyLimitedAsync(Stream content, string path, long limit, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return total;
            }
            await file.WriteAsync(buffer.AsMemory(0, read), ct);
        }
        await file.FlushAsync(ct);
        return total;
    }

    /// <summary>The uploader's file name without any path, control characters or excess length.</summary>
    private static string DisplayName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        name = new string([.. name.Where(c => !char.IsControl(c))]).Trim();
        return name.Length > 255 ? name[^255..] : name;
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            LogDeleteFailed(ex, path);
        }
        catch (UnauthorizedAccessException ex)
        {
            LogDeleteFailed(ex, path);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the attachment file {Path}")]
    private partial void LogDeleteFailed(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attachment {AttachmentId} has no file {StoredName} in the data folder")]
    private partial void LogFileMissing(Guid attachmentId, string storedName);
}
