using System.Xml.Linq;
using Butler.Workflows.Definitions;
using Butler.Workflows.Notifications;
using Butler.Workflows.Onboarding;
using Butler.Workflows.Persistence;
using Butler.Workflows.Runtime;
using Butler.Workflows.Scheduling;
using Xunit;

namespace Butler.Workflows.Tests.Architecture;

/// <summary>
/// Each engine project may depend on what <see cref="Rules"/> names and nothing else: what its project file declares
/// (project and package references) and what its compiled assembly really references are both checked.
/// </summary>
public sealed class DependencyTests
{
    /// <summary>What every project may reference without saying so: the framework and its Microsoft.Extensions abstractions.</summary>
    private static readonly string[] Framework = ["System", "Microsoft.Win32", "netstandard", "mscorlib", "Microsoft.Extensions.Primitives"];

    /// <summary>Infrastructure no part of the engine's core may see.</summary>
    private static readonly string[] Infrastructure =
        ["Microsoft.EntityFrameworkCore", "Hangfire", "MailKit", "MimeKit", "Microsoft.AspNetCore", "Npgsql", "Microsoft.Data.Sqlite", "Microsoft.Data.SqlClient"];

    public sealed record Rule(string Project, Type Marker, string[] Projects, string[] Packages, string[] Assemblies);

    /// <summary>Project (folder under src/Workflows) → allowed project references, package references and assembly-name prefixes.</summary>
    public static readonly IReadOnlyList<Rule> Rules =
    [
        new("Contracts", typeof(WorkflowDefinitionModel), [], [], ["Butler.Workflows.Contracts"]),
        new("Core", typeof(ActivityContext), ["Contracts"],
            ["Jint", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options", "Microsoft.Extensions.DependencyInjection.Abstractions"],
            ["Butler.Workflows.Contracts", "Jint", "Acornima", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options",
                "Microsoft.Extensions.DependencyInjection.Abstractions"]),
        new("Persistence", typeof(ButlerDbContext), ["Core"], ["Microsoft.EntityFrameworkCore.Relational"],
            ["Butler.Workflows.Contracts", "Butler.Workflows.Core", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions"]),
        new("Persistence.Sqlite", typeof(SqliteButlerDbContext), ["Persistence", "Onboarding"], ["Microsoft.EntityFrameworkCore.Sqlite"],
            ["Butler.Workflows.", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions"]),
        new("Persistence.PostgreSql", typeof(PostgresButlerDbContext), ["Persistence", "Onboarding"], ["Npgsql.EntityFrameworkCore.PostgreSQL"],
            ["Butler.Workflows.", "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Extensions"]),
        new("Persistence.SqlServer", typeof(SqlServerButlerDbContext), ["Persistence", "Onboarding"], ["Microsoft.EntityFrameworkCore.SqlServer"],
            ["Butler.Workflows.", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions"]),
        new("Scheduling", typeof(HangfireTimerScheduler), ["Persistence", "Notifications"], ["Hangfire.Core"],
            ["Butler.Workflows.Contracts", "Butler.Workflows.Core", "Butler.Workflows.Persistence", "Butler.Workflows.Notifications",
                "Hangfire.Core", "Microsoft.EntityFrameworkCore", "Microsoft.Extensions"]),
        new("Notifications", typeof(OutboxDispatcher), ["Persistence"], ["MailKit"],
            ["Butler.Workflows.Contracts", "Butler.Workflows.Core", "Butler.Workflows.Persistence", "MailKit", "MimeKit",
                "Microsoft.EntityFrameworkCore", "Microsoft.Extensions"]),
        new("Onboarding", typeof(ProjectService), ["Persistence"], ["Cronos"],
            ["Butler.Workflows.Contracts", "Butler.Workflows.Core", "Butler.Workflows.Persistence", "Cronos",
                "Microsoft.EntityFrameworkCore", "Microsoft.Extensions"]),
        new("Composition", typeof(WorkflowsServiceCollectionExtensions),
            ["Persistence.Sqlite", "Persistence.PostgreSql", "Persistence.SqlServer", "Scheduling", "Notifications", "Onboarding"], ["Hangfire.Core"],
            ["Butler.Workflows.", "Hangfire.Core", "Microsoft.EntityFrameworkCore", "Microsoft.Data.Sqlite", "Npgsql", "Microsoft.Extensions"]),
    ];

    public static TheoryData<string> Projects() => [.. Rules.Select(r => r.Project)];

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_file_declares_only_the_references_its_rule_allows(string project)
    {
        var rule = Rules.Single(r => r.Project == project);
        var (projects, packages) = DeclaredReferences(project);

        Assert.Empty(Violations(rule, projects, packages, []));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_compiled_assembly_references_only_what_its_rule_allows(string project)
    {
        var rule = Rules.Single(r => r.Project == project);
        var references = rule.Marker.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(references);
        Assert.Empty(Violations(rule, [], [], references));
    }

    [Fact]
    public void Every_project_under_src_Workflows_has_a_rule()
    {
        var folders = Directory.GetFiles(Path.Combine(RepositoryRoot(), "src", "Workflows"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => Path.GetFileName(Path.GetDirectoryName(p))!)
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Rules.Select(r => r.Project).Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void The_core_has_no_infrastructure_at_all()
    {
        var core = Rules.Single(r => r.Project == "Core");
        var references = typeof(ActivityContext).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => Infrastructure.Any(i => name.StartsWith(i, StringComparison.Ordinal)));
        Assert.DoesNotContain(core.Packages, name => Infrastructure.Any(i => name.StartsWith(i, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Butler.Host")]
    [InlineData("Butler.Designer")]
    public void No_engine_assembly_references_the_web_host_or_the_designer(string forbidden)
    {
        foreach (var rule in Rules)
        {
            var references = rule.Marker.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
            Assert.DoesNotContain(references, name => name.StartsWith(forbidden, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_check_names_a_forbidden_reference()
    {
        // The persistence assembly measured by the core's rule: EF Core and the core itself are not allowed there.
        var core = Rules.Single(r => r.Project == "Core");
        var persistence = typeof(ButlerDbContext).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        var (projects, packages) = DeclaredReferences("Persistence");

        var violations = Violations(core, projects, packages, persistence);

        Assert.Contains("assembly Microsoft.EntityFrameworkCore", violations);
        Assert.Contains("assembly Butler.Workflows.Core", violations);
        Assert.Contains("project Core", violations);
        Assert.Contains("package Microsoft.EntityFrameworkCore.Relational", violations);
    }

    private static List<string> Violations(Rule rule, IEnumerable<string> projects, IEnumerable<string> packages, IEnumerable<string> assemblies)
    {
        var violations = new List<string>();
        violations.AddRange(projects.Where(p => !rule.Projects.Contains(p, StringComparer.Ordinal)).Select(p => "project " + p));
        violations.AddRange(packages.Where(p => !rule.Packages.Contains(p, StringComparer.Ordinal)).Select(p => "package " + p));
        violations.AddRange(assemblies
            .Where(a => !Framework.Any(f => a == f || a.StartsWith(f + ".", StringComparison.Ordinal)))
            .Where(a => !rule.Assemblies.Any(allowed => a == allowed || a.StartsWith(allowed.TrimEnd('.') + ".", StringComparison.Ordinal)))
            .Select(a => "assembly " + a));
        return violations;
    }

    /// <summary>The project folders and package ids a project file under src/Workflows declares.</summary>
    private static (List<string> Projects, List<string> Packages) DeclaredReferences(string project)
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Workflows", project);
        var file = Directory.GetFiles(folder, "*.csproj").Single();
        var xml = XDocument.Load(file);
        var projects = xml.Descendants("ProjectReference")
            .Select(e => Path.GetFileName(Path.GetDirectoryName(e.Attribute("Include")!.Value.Replace('\\', '/')))!)
            .ToList();
        var packages = xml.Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value).ToList();
        return (projects, packages);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Butler.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Butler.slnx not found above " + AppContext.BaseDirectory);
    }
}
