using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Butler.Designer.Tests.Architecture;

/// <summary>The designer reaches the engine only through the HTTP API (ADR 012): it may use the engine's data types, never its services.</summary>
public sealed class ApiOnlyTests
{
    private static List<string> TypesTheDesignerUses()
    {
        using var stream = File.OpenRead(typeof(DesignerText).Assembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.TypeReferences.Select(handle => reader.GetTypeReference(handle))
            .Select(t => $"{reader.GetString(t.Namespace)}.{reader.GetString(t.Name)}").Distinct().ToList();
    }

    [Theory]
    [InlineData("Butler.Workflows.Definitions.DefinitionService")]
    [InlineData("Butler.Workflows.Runtime.WorkflowRunner")]
    [InlineData("Butler.Workflows.Persistence.ButlerDbContext")]
    [InlineData("Butler.Workflows.Expressions.ExpressionEvaluator")]
    [InlineData("Butler.Workflows.Calendar.CalendarService")]
    [InlineData("Butler.Workflows.Sandbox.SandboxService")]
    [InlineData("Microsoft.EntityFrameworkCore.DbContext")]
    public void The_designer_does_not_use_an_engine_service(string service)
    {
        var used = TypesTheDesignerUses();

        // The check reads real references: the engine's model types are there, so a service would be too.
        Assert.Contains("Butler.Workflows.Definitions.WorkflowDefinitionModel", used);
        Assert.DoesNotContain(service, used);
    }

    [Fact]
    public void The_designer_references_only_the_engine_contracts_and_neither_entity_framework_nor_the_host()
    {
        var references = typeof(DesignerText).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        // Of the engine, only its contracts: the definition model, descriptors, problems and API shapes.
        Assert.Contains("Butler.Workflows.Contracts", references);
        Assert.DoesNotContain(references, name => name.StartsWith("Butler.Workflows", StringComparison.Ordinal) && name != "Butler.Workflows.Contracts");
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Hangfire", StringComparison.Ordinal) || name.StartsWith("MailKit", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Butler.Host", StringComparison.Ordinal));
    }
}
