using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace Butler.Workflows.Persistence;

/// <summary>Provider options shared by the runtime and the design-time factories, so migrations match what runs.</summary>
public static class ButlerDbOptions
{
    public const string HistoryTable = "__EFMigrationsHistory";

    public static DbContextOptionsBuilder LeaveFailuresToCallers(DbContextOptionsBuilder o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return o.ConfigureWarnings(w => w.Log(
            (RelationalEventId.CommandError, LogLevel.Warning),
            (CoreEventId.SaveChangesFailed, LogLevel.Warning)));
    }
}
